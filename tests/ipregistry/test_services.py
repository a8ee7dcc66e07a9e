import hashlib
import os
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from innocluster.core.errors import (
    Conflict,
    CoreErrorCode,
    NotFound,
    PermissionDenied,
    codes_by_field,
)
from innocluster.core.models import AuditEvent
from innocluster.features.ipregistry.errors import IPRegistryErrorCode as Code
from innocluster.features.ipregistry.models import IPObject, Rightholder
from innocluster.features.ipregistry.services import registration
from innocluster.platform.ledger.encoding import format_time
from innocluster.platform.ledger.selectors import entries_for_subject, ledger_size
from tests.factories import OrganizationFactory, UserFactory, member_of, with_status
from tests.ipregistry.helpers import (
    WORK,
    WORK_SHA256,
    another_sha256,
    holders,
    register,
    work_file,
)
from tests.ipregistry.test_rules import cents_summing_to_100, rows

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (concurrent writers)"
)


def nothing_written():
    return (
        IPObject.objects.count() == 0
        and Rightholder.objects.count() == 0
        and ledger_size() == 0
        and not AuditEvent.objects.filter(action="ip_object.registered").exists()
    )


def stored_files(settings) -> list:
    folder = settings.MEDIA_ROOT / "ip"
    return list(folder.iterdir()) if folder.exists() else []


def test_register_with_a_hash(organization, owner):
    # Given rightholders that are the registrant itself and a person: nobody else to ask
    ip_object = register(
        organization,
        owner,
        rightholders=[
            {"name": organization.short_name, "share": Decimal("60"), "organization": organization},
            {"name": "Партнёр", "share": "40.00"},
        ],
    )
    assert ip_object.work_sha256 == WORK_SHA256 and not ip_object.file
    assert ip_object.state == "registered" and ip_object.registered_at == ip_object.created_at
    assert [(h.name, h.share, h.organization) for h in ip_object.rightholders.all()] == [
        (organization.short_name, Decimal("60.00"), organization),
        ("Партнёр", Decimal("40.00"), None),
    ]
    assert {h.consent for h in ip_object.rightholders.all()} == {"not_asked"}
    event = AuditEvent.objects.get(action="ip_object.registered")
    assert event.organization_id == organization.pk and event.actor == owner
    assert event.changes["file_kept"] is False


def test_the_ledger_entry_holds_the_public_facts(organization, owner):
    ip_object = register(organization, owner, title="  Сапфир   <b>2</b> ")
    (entry,) = entries_for_subject(subject=f"ip:{ip_object.pk}")
    assert entry.kind == "ip.registered"
    assert entry.content["payload"] == {
        "title": "Сапфир <b>2</b>",
        "kind": "invention",
        "work_sha256": WORK_SHA256,
        "organization": {"id": organization.pk, "inn": organization.inn},
        "rightholders": [
            {"name": 'ООО "Кристалл"', "share": "60.00"},
            {"name": "Иванова Анна Петровна", "share": "40.00"},
        ],
        "registered_at": format_time(ip_object.registered_at),
    }
    ip_object.refresh_from_db()
    assert format_time(ip_object.registered_at) == entry.content["payload"]["registered_at"]


def test_the_hash_of_an_upload_is_computed_on_the_server(organization, owner):
    content = os.urandom(2 * 1024 * 1024 + 3)
    ip_object = register(organization, owner, work_sha256=None, upload=work_file(content))
    assert ip_object.work_sha256 == hashlib.sha256(content).hexdigest()


def test_an_upload_is_not_kept_unless_asked(organization, owner, settings):
    ip_object = register(organization, owner, work_sha256=None, upload=work_file())
    assert not ip_object.file and ip_object.file_name == ""
    assert stored_files(settings) == []


def test_an_upload_is_kept_when_asked(organization, owner, settings):
    ip_object = register(
        organization, owner, upload=work_file(name="../../etc/сапфир.pdf"), keep_file=True
    )
    assert ip_object.file_name == "сапфир.pdf"
    assert ip_object.file.name.startswith("ip/") and "сапфир" not in ip_object.file.name
    with ip_object.file.open("rb") as stored:
        assert stored.read() == WORK
    assert len(stored_files(settings)) == 1
    assert AuditEvent.objects.get().changes["file_kept"] is True


def test_an_upload_with_its_matching_hash_is_accepted_in_any_case(organization, owner):
    ip_object = register(
        organization, owner, work_sha256=f" {WORK_SHA256.upper()} ", upload=work_file()
    )
    assert ip_object.work_sha256 == WORK_SHA256


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"work_sha256": "0" * 64, "upload": "work"}, "work_sha256", Code.HASH_MISMATCH),
        ({"work_sha256": "xyz", "upload": "work"}, "work_sha256", Code.BAD_SHA256),
        ({"work_sha256": None}, "work_sha256", Code.HASH_REQUIRED),
        ({"work_sha256": "ab" * 31}, "work_sha256", Code.BAD_SHA256),
        ({"work_sha256": "g" * 64}, "work_sha256", Code.BAD_SHA256),
        ({"keep_file": True}, "file", Code.FILE_REQUIRED),
        ({"title": "   "}, "title", "blank"),
        ({"title": "T" * 301}, "title", "max_length"),
        ({"kind": "poem"}, "kind", "invalid_choice"),
        ({"rightholders": holders(("A", "50"), ("B", "49.99"))}, "rightholders", Code.SHARES_TOTAL),
        ({"rightholders": holders(("A", "50"), ("a ", "50"))}, "rightholders", Code.NAMED_TWICE),
        ({"rightholders": []}, "rightholders", Code.RIGHTHOLDERS_COUNT),
    ],
)
def test_bad_input_is_refused_by_field_and_nothing_is_written(
    organization, owner, settings, overrides, field, code
):
    if overrides.get("upload") == "work":
        overrides = {**overrides, "upload": work_file(), "keep_file": True}
    with pytest.raises(ValidationError) as error:
        register(organization, owner, **overrides)
    assert code in codes_by_field(error.value)[field], error.value
    assert nothing_written() and stored_files(settings) == []


def test_the_refusal_names_the_total_of_the_shares(organization, owner):
    with pytest.raises(ValidationError) as error:
        register(organization, owner, rightholders=holders(("A", "50"), ("B", "49.99")))
    (total,) = error.value.error_dict["rightholders"]
    assert total.params == {"total": "99.99"}


def test_every_problem_is_reported_at_once(organization, owner):
    with pytest.raises(ValidationError) as error:
        register(organization, owner, title="", work_sha256="nope", rightholders=[])
    assert set(error.value.message_dict) == {"title", "work_sha256", "rightholders"}


def test_a_file_over_the_limit_is_refused(organization, owner, settings):
    settings.IP_UPLOAD_MAX_BYTES = 10
    with pytest.raises(ValidationError) as error:
        register(organization, owner, upload=work_file(), keep_file=True)
    assert codes_by_field(error.value)["file"] == [CoreErrorCode.FILE_TOO_LARGE]
    assert nothing_written()


def test_a_failure_after_storing_the_file_removes_it_with_the_rows(
    organization, owner, settings, monkeypatch
):
    def broken_ledger(**kwargs):
        raise RuntimeError("the ledger is down")

    monkeypatch.setattr(registration, "ledger_append", broken_ledger)
    with pytest.raises(RuntimeError):
        register(organization, owner, upload=work_file(), keep_file=True)
    assert nothing_written() and stored_files(settings) == []


@pytest.mark.parametrize("role", ["owner", "editor"])
def test_owners_and_editors_register(organization, role):
    assert register(organization, member_of(organization, role)).pk


@pytest.mark.parametrize(
    "who",
    [
        lambda organization: member_of(organization, "viewer"),
        lambda organization: member_of(OrganizationFactory(), "owner"),
        lambda organization: UserFactory(staff_role="admin"),
        lambda organization: UserFactory(),
    ],
    ids=["viewer", "owner of another", "fund staff", "stranger"],
)
def test_anyone_else_gets_not_found_and_nothing_is_written(organization, who):
    with pytest.raises(NotFound):
        register(organization, who(organization))
    assert nothing_written()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cents=st.one_of(
        cents_summing_to_100(), st.lists(st.integers(1, 10_000), min_size=1, max_size=20)
    )
)
def test_the_service_accepts_exactly_the_shares_that_sum_to_100(organization, owner, cents):
    before = IPObject.objects.count()
    work = another_sha256()
    if sum(cents) == 10_000:
        ip_object = register(organization, owner, rightholders=rows(cents), work_sha256=work)
        assert sum(h.share for h in ip_object.rightholders.all()) == Decimal("100.00")
    else:
        with pytest.raises(ValidationError):
            register(organization, owner, rightholders=rows(cents), work_sha256=work)
        assert IPObject.objects.count() == before


def test_the_same_work_twice_is_a_conflict_and_nothing_more_is_written(
    organization, owner, settings
):
    # Given a registered work
    first = register(organization, owner)
    # When the same organization registers it again, even with another title and the file
    with pytest.raises(Conflict) as error:
        register(organization, owner, title="Другое название", upload=work_file(), keep_file=True)
    # Then it is refused with a stable code that names the existing registration
    assert error.value.code == Code.IP_ALREADY_REGISTERED and error.value.status == 409
    assert error.value.extra["existing_ip_object"] == first.pk
    assert error.value.extra["certificate_url"].endswith(f"/ip/{first.pk}/")
    assert str(first.pk) in error.value.detail
    # And the register, the ledger and the audit trail hold the first registration only
    assert list(IPObject.objects.values_list("pk", flat=True)) == [first.pk]
    assert Rightholder.objects.count() == 2 and ledger_size() == 1
    assert AuditEvent.objects.filter(action="ip_object.registered").count() == 1
    assert stored_files(settings) == []


def test_the_same_work_from_a_pasted_line_of_sha256sum_is_a_conflict(organization, owner):
    register(organization, owner)
    with pytest.raises(Conflict):
        register(organization, owner, work_sha256=f"{WORK_SHA256.upper()}  sapphire.pdf")


def test_another_organization_may_register_the_same_work(organization, owner):
    register(organization, owner)
    other = with_status(OrganizationFactory())
    assert register(other, member_of(other)).work_sha256 == WORK_SHA256
    assert ledger_size() == 2


def test_a_duplicate_that_slips_past_the_check_is_caught_by_the_constraint(
    organization, owner, settings, monkeypatch
):
    # Given a request that checked before another one inserted the same work (simulated by
    # skipping the check before the insert; the check after the IntegrityError still runs)
    first = register(organization, owner)
    check = registration._refuse_duplicate
    calls = []

    def check_too_early(ip_object):
        calls.append(ip_object)
        if len(calls) > 1:
            check(ip_object)

    monkeypatch.setattr(registration, "_refuse_duplicate", check_too_early)
    # When it inserts, the unique constraint refuses, and that becomes the same Conflict
    with pytest.raises(Conflict) as error:
        register(organization, owner, upload=work_file(), keep_file=True)
    assert error.value.code == Code.IP_ALREADY_REGISTERED and len(calls) == 2
    assert error.value.extra["existing_ip_object"] == first.pk
    # And nothing of the second request remains: no row, no ledger entry, no stored file
    assert IPObject.objects.count() == 1 and ledger_size() == 1
    assert AuditEvent.objects.filter(action="ip_object.registered").count() == 1
    assert stored_files(settings) == []


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_registrations_of_one_work_make_one_entry(monkeypatch):
    # Given two requests that both pass the check before either inserts
    organization = with_status(OrganizationFactory())
    owner = member_of(organization)
    both_checked = threading.Barrier(2, timeout=10)
    check = registration._refuse_duplicate
    before_insert = threading.local()

    def check_together(ip_object):
        check(ip_object)
        if not getattr(before_insert, "done", False):  # the check before the insert
            before_insert.done = True
            both_checked.wait()

    monkeypatch.setattr(registration, "_refuse_duplicate", check_together)
    outcomes = []

    def attempt():
        try:
            outcomes.append(register(organization, owner).pk)
        except Exception as error:  # noqa: BLE001 (asserted below)
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Then one registers and the other gets the Conflict that names it
    (created,) = [o for o in outcomes if isinstance(o, int)]
    (refused,) = [o for o in outcomes if not isinstance(o, int)]
    assert isinstance(refused, Conflict), refused
    assert refused.extra["existing_ip_object"] == created
    assert IPObject.objects.count() == 1 and ledger_size() == 1


def test_only_participants_and_partners_in_good_standing_register():
    # Given an organization without a status, and one whose status is suspended
    newcomer = OrganizationFactory()
    suspended = with_status(OrganizationFactory())
    suspended.cluster_status.state = "suspended"
    suspended.cluster_status.save()
    for organization in (newcomer, suspended):
        # When its owner registers a work, then it is refused and nothing is written
        with pytest.raises(PermissionDenied) as refused:
            register(organization, member_of(organization))
        assert refused.value.code == Code.STATUS_REQUIRED
    assert not IPObject.objects.exists() and ledger_size() == 0
