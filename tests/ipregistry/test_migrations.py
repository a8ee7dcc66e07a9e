"""Migration 0003 (the rightholders' consent): every registration made before it stays final,
submitted when it was registered, and its rightholders are not asked after the fact."""

from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("ipregistry", "0002_one_registration_per_work")]
AFTER = [("ipregistry", "0003_rightholders_consent")]


def apps_at(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def test_existing_registrations_stay_final():
    try:
        old = apps_at(BEFORE)
        organization = old.get_model("organizations", "Organization").objects.create(
            inn="7707083893",
            ogrn="1027700132195",
            full_name='ПАО "Сбербанк России"',
            short_name="ПАО Сбербанк",
            region="77",
        )
        when = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
        ip_object = old.get_model("ipregistry", "IPObject").objects.create(
            organization=organization,
            title="Старая регистрация",
            kind="invention",
            work_sha256="a" * 64,
            registered_at=when,
        )
        old.get_model("ipregistry", "Rightholder").objects.create(
            ip_object=ip_object, name="Партнёр", organization=organization, share=100
        )
        new = apps_at(AFTER)
        migrated = new.get_model("ipregistry", "IPObject").objects.get(pk=ip_object.pk)
        assert migrated.state == "registered" and migrated.closed_at is None
        assert migrated.created_at == migrated.registered_at == when
        holder = new.get_model("ipregistry", "Rightholder").objects.get(ip_object_id=ip_object.pk)
        assert holder.consent == "not_asked"
    finally:
        call_command("migrate", verbosity=0)
