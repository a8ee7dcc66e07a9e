"""The demo data generator: valid identifiers, determinism, counts, re-runs, demo accounts."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from innocluster.core.identifiers import LEGAL_ENTITY, SOLE_PROPRIETOR, validate_identifiers
from innocluster.core.regions import CODES, MOSCOW
from innocluster.platform.accounts.models import User
from innocluster.platform.organizations import demo
from innocluster.platform.organizations.demo import builder, identifiers, vocabulary
from innocluster.platform.organizations.models import Membership, Organization, Product

REGION_CODES = sorted(CODES)


def run(*args: str) -> str:
    out = StringIO()
    call_command("demo_data", *args, "--verbosity", "0", stdout=out)
    return out.getvalue()


def snapshot() -> list[tuple]:
    """Everything generated, without database ids or timestamps."""
    rows = []
    organizations = Organization.objects.order_by("inn").prefetch_related(
        "industries", "technologies", "products", "memberships__user"
    )
    for org in organizations:
        rows.append(
            (
                *(getattr(org, f) for f in ("kind", "inn", "ogrn", "full_name", "short_name")),
                *(getattr(org, f) for f in ("region", "legal_address", "website", "org_type")),
                org.description_ru,
                org.description_en,
                org.headcount,
                org.year_founded,
                sorted(i.slug for i in org.industries.all()),
                sorted(t.slug for t in org.technologies.all()),
                sorted((p.name, p.description, p.category, p.trl) for p in org.products.all()),
                sorted((m.user.full_name, m.role) for m in org.memberships.all()),
            )
        )
    return rows


# --- Identifiers, without the database ---------------------------------------------------------


@given(
    counter=st.integers(0, 10**7 - 1),
    region=st.sampled_from(REGION_CODES),
    year=st.integers(1700, vocabulary.LAST_YEAR),
)
def test_every_counter_gives_valid_identifiers_of_the_region(counter, region, year):
    inn, ogrn = identifiers.legal_entity_identifiers(counter, region, year)
    assert validate_identifiers(kind=LEGAL_ENTITY, inn=inn, ogrn=ogrn) == (inn, ogrn)
    assert inn[:2] == region and ogrn[3:5] == region and ogrn[0] in "15"

    inn, ogrnip = identifiers.sole_proprietor_identifiers(counter, region, year)
    assert validate_identifiers(kind=SOLE_PROPRIETOR, inn=inn, ogrn=ogrnip) == (inn, ogrnip)
    assert inn[:2] == region and ogrnip[3:5] == region and ogrnip[0] == "3"


def test_distinct_counters_give_distinct_identifiers():
    pairs = [identifiers.legal_entity_identifiers(n, MOSCOW, 2020) for n in range(20_000)]
    assert len({inn for inn, _ in pairs}) == len({ogrn for _, ogrn in pairs}) == 20_000
    pairs = [identifiers.sole_proprietor_identifiers(n, MOSCOW, 2020) for n in range(20_000)]
    assert len({inn for inn, _ in pairs}) == len({ogrn for _, ogrn in pairs}) == 20_000


def test_a_taken_identifier_is_skipped():
    # Given the counter's first pair is already registered
    taken = identifiers.legal_entity_identifiers(0, MOSCOW, 2020)
    context = builder.Context(0, set(taken), set(), {}, {}, password="!")
    maker = builder.Builder(seed=1, context=context)

    # When the builder asks for identifiers, then it moves on to the next counter
    assert maker.identifiers(LEGAL_ENTITY, MOSCOW, 2020) == identifiers.legal_entity_identifiers(
        1, MOSCOW, 2020
    )
    assert context.counter == 2


# --- Generated data ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_generated_organizations_pass_the_rules_the_services_enforce():
    report = demo.generate_organizations(count=150, seed=3, batch_size=40)

    organizations = list(Organization.objects.all())
    assert report.organizations == len(organizations) == 150
    for org in organizations:
        validate_identifiers(kind=org.kind, inn=org.inn, ogrn=org.ogrn)
        assert org.inn[:2] == org.region and org.region in CODES
        org.full_clean()
    for product in Product.objects.all():
        product.full_clean()
        assert 1 <= product.trl <= 9
    for person in User.objects.all():
        person.full_clean(exclude=["password"])
        assert person.email_confirmed and not person.has_usable_password()


@pytest.mark.django_db
def test_counts_memberships_and_products_per_organization():
    report = demo.generate_organizations(count=120, seed=5)

    assert Product.objects.count() == report.products
    assert User.objects.count() == Membership.objects.count() == report.people
    for org in Organization.objects.prefetch_related("memberships", "products"):
        roles = [m.role for m in sorted(org.memberships.all(), key=lambda m: m.pk)]
        assert 1 <= len(roles) <= 3 and roles[0] == "owner"
        assert len(org.products.all()) <= 4
        assert org.industries.exists() and org.technologies.exists()
        assert org.description_ru


@pytest.mark.django_db
def test_the_mix_looks_like_the_cluster():
    demo.generate_organizations(count=200, seed=9)

    regions = Counter(Organization.objects.values_list("region", flat=True))
    kinds = Counter(Organization.objects.values_list("kind", flat=True))
    types = Counter(Organization.objects.values_list("org_type", flat=True))
    assert 0.6 <= regions[MOSCOW] / 200 <= 0.8
    assert 0.04 <= kinds[SOLE_PROPRIETOR] / 200 <= 0.18
    assert (types["it_company"] + types["manufacturer"]) / 200 > 0.55
    english = Organization.objects.exclude(description_en="").count()
    assert 0.15 <= english / 200 <= 0.45


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data_whatever_the_batch_size():
    # Given one load, snapshotted
    demo.generate_organizations(count=80, seed=11, batch_size=13)
    first = snapshot()

    # When the organizations are removed and the same seed is loaded again in other batches
    Organization.objects.all().delete()
    demo.generate_organizations(count=80, seed=11, batch_size=1000)

    # Then the data is identical (people kept from the first load just get other e-mails)
    assert snapshot() == first
    assert User.objects.count() == 2 * Membership.objects.count()


@pytest.mark.django_db
def test_another_seed_gives_other_data():
    demo.generate_organizations(count=30, seed=1)
    first = {o[3] for o in snapshot()}
    Organization.objects.all().delete()
    demo.generate_organizations(count=30, seed=2)
    assert {o[3] for o in snapshot()} != first


# --- The command -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_running_twice_adds_more_with_new_identifiers():
    run("--orgs", "40", "--seed", "4")
    output = run("--orgs", "40", "--seed", "4")

    assert Organization.objects.count() == 80
    assert Organization.objects.values("inn").distinct().count() == 80
    assert User.objects.filter(email__endswith="@innocluster.local").count() == len(
        demo.DEMO_ACCOUNTS
    )
    assert "already there" in output


@pytest.mark.django_db
def test_if_empty_loads_an_empty_database_only():
    run("--orgs", "25", "--if-empty")
    assert Organization.objects.count() == 25

    output = run("--orgs", "25", "--if-empty")

    assert Organization.objects.count() == 25
    assert "no demo data loaded" in output


@pytest.mark.django_db
def test_demo_accounts_have_their_roles_and_known_password():
    output = run("--orgs", "10", "--seed", "1")

    demo_user = User.objects.get(email="demo@innocluster.local")
    reviewer = User.objects.get(email="reviewer@innocluster.local")
    admin = User.objects.get(email="admin@innocluster.local")
    for user in (demo_user, reviewer, admin):
        assert user.check_password(demo.DEMO_PASSWORD) and user.email_confirmed
    assert (demo_user.staff_role, reviewer.staff_role, admin.staff_role) == (
        "",
        "reviewer",
        "admin",
    )
    assert admin.is_staff and admin.is_superuser and not reviewer.is_staff
    first = Organization.objects.order_by("pk").first()
    newcomer = User.objects.get(email="newcomer@innocluster.local")
    assert Membership.objects.filter(user=newcomer, organization=first, role="owner").exists()
    assert Membership.objects.filter(user=demo_user, role="owner").exclude(organization=first)
    assert demo.DEMO_PASSWORD in output and "demo@innocluster.local" in output


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_people_in_an_empty_database():
    demo.generate_organizations(count=30, seed=12)
    first = sorted(User.objects.values_list("email", "full_name", "position", "phone"))
    Organization.objects.all().delete()
    User.objects.all().delete()

    demo.generate_organizations(count=30, seed=12)

    assert sorted(User.objects.values_list("email", "full_name", "position", "phone")) == first


def test_demo_data_is_refused_in_production(settings):
    from django.core.management import CommandError, call_command

    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("demo_data", "--orgs", "1")


@pytest.mark.django_db
def test_demo_data_sends_no_letter(mailoutbox, django_capture_on_commit_callbacks):
    # The made-up people's letters used to fill the console of `make run` by the hundred.
    with django_capture_on_commit_callbacks(execute=True):
        run("--orgs", "60", "--seed", "3")

    assert mailoutbox == []
    assert Organization.objects.count() == 60


@pytest.mark.django_db
def test_bulk_demo_data_is_postgresqls(settings):
    from django.core.management import CommandError
    from django.db import connection

    if connection.vendor == "postgresql":
        pytest.skip("tests/directory/test_bulk.py loads with --bulk on PostgreSQL")
    with pytest.raises(CommandError, match="PostgreSQL only"):
        run("--orgs", "5", "--bulk")
    assert not Organization.objects.exists()


@pytest.mark.django_db
def test_the_first_member_of_each_organization_across_pages():
    from innocluster.platform.organizations.selectors import first_of_each_organization
    from tests.factories import OrganizationFactory, member_of

    # three owners each: 60 organizations take two pages of 120 memberships
    organizations = OrganizationFactory.create_batch(60)
    for organization in organizations:
        for _ in range(3):
            member_of(organization)
    memberships = Membership.objects.order_by("-organization_id", "pk")

    chosen = first_of_each_organization(memberships, 50)
    every = first_of_each_organization(memberships, 100)

    expected = [memberships.filter(organization=o).first() for o in reversed(organizations)]
    assert chosen == expected[:50]
    assert every == expected  # fewer than asked for: all there are


@pytest.mark.django_db
def test_the_home_figures_count_organizations_moscow_regions_and_products():
    from django.core.cache import cache

    from innocluster.platform.organizations.selectors import organization_home_figures
    from tests.factories import OrganizationFactory, ProductFactory

    moscow = OrganizationFactory.create_batch(2, region=MOSCOW)
    OrganizationFactory(region="50")
    OrganizationFactory(region="78")
    ProductFactory.create_batch(3, organization=moscow[0])
    cache.delete("organizations:home_figures")

    figures = organization_home_figures()

    assert (figures["organizations"], figures["moscow"], figures["regions"]) == (4, 2, 3)
    assert figures["products"] == 3
