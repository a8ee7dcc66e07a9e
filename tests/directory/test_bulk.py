"""The PostgreSQL bulk loader: COPY with the indexes rebuilt after, the search index filled
set-based. Its workers and the index fill use their own connections, so the data must be
committed: these tests run outside the test transaction."""

import pytest
from django.db import connection
from django.http import QueryDict

from innocluster.features.directory.bulk import demo_organizations_bulk_load, search_index_fill
from innocluster.features.directory.models import SearchDocument
from innocluster.features.directory.selectors import organization_search
from innocluster.platform.accounts.models import User
from innocluster.platform.organizations.models import Membership, Organization, Product

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the bulk loader is PostgreSQL's (COPY)"
    ),
]


def _constraints() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = ANY(%s::regclass[])",
            [["organizations_organization", "organizations_product", "accounts_user"]],
        )
        return {row[0] for row in cursor.fetchall()}


def _indexes() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = ANY(%s)",
            [["organizations_organization", "organizations_product", "directory_searchdocument"]],
        )
        return {row[0] for row in cursor.fetchall()}


def test_a_bulk_load_keeps_the_schema_and_everything_is_found():
    constraints, indexes = _constraints(), _indexes()

    first = demo_organizations_bulk_load(count=60, seed=3, workers=2)
    second = demo_organizations_bulk_load(count=25, seed=4, workers=1)  # adds, never clashes
    search_index_fill(workers=2)

    assert Organization.objects.count() == 85
    assert Product.objects.count() == first.products + second.products
    assert User.objects.count() == Membership.objects.count() == first.people + second.people
    assert _constraints() == constraints and _indexes() == indexes  # all rebuilt
    assert SearchDocument.objects.count() == 85
    organization = Organization.objects.order_by("-pk").first()
    found = organization_search(data=QueryDict(f"q={organization.inn}"))
    assert [hit.organization.pk for hit in found.hits] == [organization.pk]
    # the triggers are back: a change after the load is indexed at once
    Organization.objects.filter(pk=organization.pk).update(description_ru="Гидропоника")
    assert organization_search(data=QueryDict("q=гидропоника")).count == 1


def test_demo_data_bulk_loads_by_copy_with_the_demo_accounts():
    from io import StringIO

    from innocluster.site.management.commands.demo_data import Command

    out = StringIO()
    report = Command(stdout=out)._bulk(80, seed=1, quiet=True)  # the rest as without --bulk

    assert report.organizations == Organization.objects.count() == 80
    assert SearchDocument.objects.count() == 80
    assert report.products == Product.objects.count()
    assert "Phases (s): copy" in out.getvalue()
    first = Organization.objects.order_by("pk").first()
    assert report.first_organization == first
    newcomer = User.objects.get(email="newcomer@innocluster.local")
    assert Membership.objects.filter(user=newcomer, organization=first, role="owner").exists()
    owner = User.objects.get(email="demo@innocluster.local")
    assert report.parts["participant"].memberships.filter(user=owner, role="owner").exists()
    assert {email for email, _role, created in report.accounts if created} >= {
        "demo@innocluster.local",
        "reviewer@innocluster.local",
    }
