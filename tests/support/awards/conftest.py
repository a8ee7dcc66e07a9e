"""Awards are tested on grant applications made directly (a measure, a call, a case of kind
"support.grant"): the application flow is tested with the support app itself."""

from decimal import Decimal

import pytest

from innocluster.features.support.awards import services
from innocluster.features.support.models import Call, GrantApplication, Measure

from ...factories import OrganizationFactory, UserFactory, member_of

AMOUNT = Decimal("1000000.00")


@pytest.fixture(autouse=True)
def _urls_with_awards(settings):
    settings.ROOT_URLCONF = "tests.support.awards.urls"


@pytest.fixture
def measure(db):
    return a_measure()


def a_measure(**fields) -> Measure:
    defaults = {
        "code": "awards-test-measure",
        "title_ru": "Импортозамещающее производство",
        "title_en": "Import-substituting production",
        "level": "city",
        "provider": "Фонд",
        "advance_percent": Decimal("25"),
        "yearly_tranches": 3,
    }
    return Measure.objects.create(**{**defaults, **fields})


def an_application(organization, actor, measure, amount=AMOUNT) -> GrantApplication:
    from innocluster.platform.reviews.services import case_create

    call = Call.objects.create(measure=measure, opens_on="2020-01-01", closes_on="2099-12-31")
    case = case_create(kind="support.grant", organization=organization, actor=actor)
    return GrantApplication.objects.create(
        case=case, measure=measure, call=call, requested_amount=amount
    )


@pytest.fixture
def an_admin(db):
    return UserFactory(staff_role="admin")


@pytest.fixture
def a_reviewer(db):
    return UserFactory(staff_role="reviewer")


@pytest.fixture
def editor(organization):
    return member_of(organization, "editor")


@pytest.fixture
def viewer(organization):
    return member_of(organization, "viewer")


@pytest.fixture
def stranger(db):
    """The owner of another organization."""
    return member_of(OrganizationFactory(), "owner")


@pytest.fixture
def application(organization, owner, measure):
    return an_application(organization, owner, measure)


@pytest.fixture
def award(application, an_admin):
    return services.award_create(application=application, amount=AMOUNT, actor=an_admin)


def accept_both(award, owner, admin):
    agreement = award.agreement
    services.agreement_accept(agreement=agreement, actor=owner, sha256=agreement.sha256)
    services.agreement_accept(agreement=agreement, actor=admin, sha256=agreement.sha256)
    agreement.refresh_from_db()
    return agreement


@pytest.fixture
def in_force(award, owner, an_admin):
    accept_both(award, owner, an_admin)
    award.refresh_from_db()
    return award
