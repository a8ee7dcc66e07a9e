"""A walk through every main page, on a desk (1366 px) and a phone (390 px), as each kind of
person: the public, an organization's owner, a fund reviewer and a fund administrator.

Every page answers 200, never scrolls sideways, and on the Russian pages shows no raw code
(``participation.granted``, ``it_company``), no ISO date and none of a few English words that
give an untranslated string away. Each page is saved as a screenshot (under SCREENSHOT_DIR/walk,
/tmp/walk by default) for a person to look at. One live server and one browser serve the whole
walk; each test builds its small world with the services, as the demo data would."""

import datetime as dt
from dataclasses import dataclass

import pytest

from innocluster.features.clusters.models import ClusterMember
from innocluster.features.clusters.services import clusters as clusters_services
from innocluster.features.clusters.services import membership
from innocluster.platform.ledger.models import Entry
from innocluster.platform.reviews import services as reviews
from innocluster.platform.status.models import Status
from tests.browser.test_accessibility import _sign_in
from tests.browser.walking import SCREENSHOT_DIR, WIDTHS, walk
from tests.chains.helpers import a_chain
from tests.challenges.helpers import challenge_world
from tests.exchange.helpers import exchange_world
from tests.facilities.helpers import make_facility, make_resource
from tests.factories import OrganizationFactory, ProductFactory, member_of
from tests.ipregistry.helpers import register
from tests.jobs.helpers import make_vacancy
from tests.notifications.helpers import send
from tests.pdfs import pdf_file
from tests.pilots.helpers import make_site
from tests.pilots.proposal_helpers import a_proposal, approved_pilot
from tests.status.helpers import an_industry, complete_draft, fund_admin, reviewer
from tests.support.helpers import a_draft, a_measure, a_participant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@dataclass
class World:
    organization: object
    owner: object
    reviewer: object
    admin: object
    paths: dict
    member: object = None
    poster: object = None  # an editor of a city organization that posted challenges
    site_person: object = None  # who answers for a pilot site


def _build_world() -> World:
    """An owner of a participant with a product, a facility and its machine, a registered IP
    object, a draft grant application and a notification; another company's status
    application and grant application wait in the reviewers' queue."""
    organization, owner = a_participant(short_name='ООО "Прогулка"')
    product = ProductFactory(organization=organization, name="Система учёта станков")
    facility, _operator = make_facility(organization=organization, operator=owner)
    machine = make_resource(facility, owner, kind="equipment", name="Фрезерный станок")
    ip_object = register(organization, owner)
    measure = a_measure()
    draft = a_draft(measure, organization, owner)
    send([owner])

    applicant = OrganizationFactory(region="50")
    applicant.industries.add(an_industry())
    applicant_owner = member_of(applicant, "owner")
    status_application = complete_draft(applicant, applicant_owner)
    reviews.case_submit(case=status_application.case, actor=applicant_owner)
    grant_applicant, grant_owner = a_participant()
    grant = a_draft(measure, grant_applicant, grant_owner)
    reviews.case_submit(case=grant.case, actor=grant_owner)

    # A cluster the owner founded (so administers), with another participant as a member whose
    # editor is the walk's member person, a request to join waiting, and an invitation to the
    # member's organization from a second cluster.
    cluster = clusters_services.cluster_create(
        actor=owner,
        organization=organization,
        name="Кластер беспилотных систем",
        aims="Совместная разработка беспилотников",
        description_ru="Производители и разработчики беспилотных систем Москвы.",
    )
    member_org, member_person = a_participant(short_name='ООО "Участник"')
    ClusterMember.objects.create(cluster=cluster, organization=member_org)
    asking, asking_owner = a_participant(short_name='ООО "Соискатель"')
    membership.join_request_create(
        cluster=cluster, organization=asking, actor=asking_owner, reason="Делаем моторы"
    )
    other_cluster = clusters_services.cluster_create(
        actor=asking_owner,
        organization=asking,
        name="Кластер фотоники",
        aims="Лазеры",
        description_ru="Лазеры и оптика.",
    )
    membership.invitation_create(cluster=other_cluster, organization=member_org, actor=asking_owner)
    cluster_pages = ["/clusters/", f"/clusters/{cluster.pk}/"]
    cluster_paths = _clusters_world(organization, owner)

    chain = a_chain(organization, owner)
    fund_reviewer = reviewer()
    challenges = challenge_world(organization, owner, fund_reviewer)
    site, site_person = make_site(name="Городская поликлиника № 12", capacity=5)
    pilots = _pilots_world(organization, owner, product, site, site_person)
    exchange = exchange_world(organization, owner, member_org, member_person)
    jobs = _jobs_world(organization, owner, member_person)

    number = Status.objects.get(organization=organization).register_number
    entry = Entry.objects.order_by("-index").first()  # the IP object's registration
    public = [
        "/",
        "/directory/",
        "/directory/?q=станок",
        f"/organizations/{organization.pk}/",
        "/facilities/",
        f"/facilities/{facility.pk}/",
        "/facilities/equipment/",
        f"/facilities/resources/{machine.pk}/",
        "/support/",
        f"/support/measures/{measure.pk}/",
        "/status/",
        "/ip/",
        f"/ip/{ip_object.pk}/",
        "/register/",
        f"/register/{number}/",
        "/ledger/",
        "/ledger/?q=Прогулка",
        f"/ledger/entries/{entry.index}/",
        *cluster_pages,
        *cluster_paths["public"],
        *chain["public"],
        *challenges["public"],
        "/pilots/sites/",
        "/pilots/sites/?category=health&q=поликлиника",
        f"/pilots/sites/{site.pk}/",
        *exchange["public"],
        *jobs["public"],
    ]
    # The staff walk the public pages that change for them, then their own.
    staff = [
        "/",
        f"/organizations/{organization.pk}/",
        f"/support/measures/{measure.pk}/",
        "/reviews/",
        f"/reviews/{status_application.case_id}/",
        f"/reviews/{grant.case_id}/",
        f"/clusters/{cluster.pk}/",
        *cluster_paths["staff"],
        "/pilots/sites/",
        f"/pilots/sites/{site.pk}/",
        *jobs["staff"],
    ]
    paths = {
        "anonymous": [*public, "/accounts/login/", "/accounts/sign-up/"],
        "owner": [
            *public,
            "/accounts/",
            "/accounts/profile/",
            f"/organizations/{organization.pk}/edit/",
            f"/organizations/{organization.pk}/members/",
            f"/organizations/{organization.pk}/audit/",
            "/notifications/",
            "/applications/",
            f"/support/applications/{draft.case_id}/",
            "/support/for-me/",
            "/facilities/bookings/",
            "/facilities/mine/",
            f"/facilities/{facility.pk}/schedule/",
            "/ip/new/",
            "/clusters/new/",
            "/clusters/mine/",
            f"/clusters/{cluster.pk}/edit/",
            f"/clusters/{cluster.pk}/members/",
            f"/clusters/{cluster.pk}/members/?find=Участник",
            *cluster_paths["owner"],
            *chain["owner"],
            *challenges["entrant"],
            "/pilots/sites/mine/",
            "/pilots/sites/new/",
            *pilots["owner"],
            *exchange["buyer"],
            *jobs["owner"],
        ],
        "site_person": [
            *pilots["site"],
            *public,
            "/pilots/sites/mine/",
            "/pilots/sites/new/",
            f"/pilots/sites/{site.pk}/edit/",
        ],
        "member": [
            *cluster_pages,
            "/clusters/mine/",
            "/clusters/invitations/",
            f"/clusters/{other_cluster.pk}/",
            f"/clusters/{other_cluster.pk}/join/",
            *exchange["supplier"],
            *jobs["applicant"],
        ],
        "reviewer": [*staff, "/notifications/", *challenges["evaluator"], *pilots["fund"]],
        "admin": [*staff, "/support/awards/", "/accounts/", *challenges["fund"]],
        "poster": [*challenges["public"], *challenges["poster"]],
    }
    poster = challenges["poster_user"]
    return World(
        organization, owner, fund_reviewer, fund_admin(), paths, member_person, poster, site_person
    )


def _pilots_world(organization, owner, product, site, site_person) -> dict:
    """A draft pilot proposal of the owner's product, a pilot awaiting the site's consent and
    one whose plan is being agreed."""
    from innocluster.features.pilots import consent as consenting
    from innocluster.features.pilots import plan as planning
    from innocluster.features.pilots import testing
    from innocluster.platform.accounts.models import User

    company = (organization, owner, product)
    draft = a_proposal([site], company)
    asking = approved_pilot([site], company)
    agreeing = approved_pilot([site], company)
    consent = agreeing.consents.get()
    consenting.consent_answer(consent=consent, actor=site_person, agree=True)
    planning.plan_update(
        pilot=agreeing, actor=owner, starts_on=dt.date(2026, 3, 2), ends_on=dt.date(2026, 4, 24),
        site_provides="Кабинет, розетка и Wi-Fi",
    )  # fmt: skip
    running = approved_pilot([site], company)
    consenting.consent_answer(consent=running.consents.get(), actor=site_person, agree=True)
    planning.plan_update(
        pilot=running, actor=owner, starts_on=dt.date(2026, 3, 2), ends_on=dt.date(2026, 4, 24),
        site_provides="Кабинет",
    )  # fmt: skip
    fund = User.objects.filter(staff_role="reviewer").first() or reviewer()
    for actor, party in ((owner, "company"), (site_person, "site"), (fund, "fund")):
        planning.plan_agree(pilot=running, actor=actor, party=party)
    planning.pilot_start(pilot=running, actor=owner)
    testing.note_add(pilot=running, actor=site_person, text="Сбой питания", kind="incident")
    pilot_pages = [
        f"/pilots/{asking.pk}/", f"/pilots/{agreeing.pk}/", f"/pilots/{running.pk}/",
        "/pilots/mine/",
    ]  # fmt: skip
    return {
        "owner": ["/pilots/propose/", f"/pilots/proposals/{draft.case_id}/", *pilot_pages],
        "site": pilot_pages,
        "fund": pilot_pages,
    }


def _jobs_world(organization, owner, applicant) -> dict:
    """A vacancy and an internship of the owner's company, the member's application to the
    vacancy, invited with a message."""
    from innocluster.features.jobs import applications

    vacancy, _ = make_vacancy(organization, owner)
    internship, _ = make_vacancy(
        organization,
        owner,
        title="Стажёр-разработчик",
        employment_type="internship",
        university="МФТИ",
        duration_weeks=8,
        university_letter_required=True,
    )
    application = applications.application_submit(
        vacancy=vacancy, applicant=applicant, consent=True, letter="Добрый день!", cv=pdf_file()
    )
    applications.application_invite(application=application, actor=owner, message="Во вторник")
    return {
        "public": [
            "/jobs/",
            "/jobs/?q=разработчик&work_format=hybrid&sort=salary",
            f"/jobs/{vacancy.pk}/",
            f"/jobs/{internship.pk}/",
        ],
        "owner": [
            "/jobs/mine/",
            "/jobs/new/",
            f"/jobs/{vacancy.pk}/edit/",
            f"/jobs/{vacancy.pk}/applications/",
            f"/jobs/applications/{application.pk}/",
        ],
        "applicant": [
            "/jobs/applications/mine/",
            f"/jobs/applications/mine/{application.pk}/",
            f"/jobs/{internship.pk}/apply/",
            "/jobs/cv/",
        ],
        "staff": ["/jobs/", f"/jobs/{vacancy.pk}/", "/jobs/moderation/"],
    }


def _clusters_world(organization, owner) -> dict:
    """A cluster the owner's company leads, with a joint project, on the register; and a
    second one whose status application is a draft."""
    from innocluster.features.clusters.models import Cluster, ClusterMember
    from innocluster.features.clusters.services.application import cluster_application_create
    from innocluster.features.clusters.services.register import cluster_status_grant_seeded
    from tests.clusters.projects_helpers import a_project

    clusters = []
    for name in ("Кластер медицинских технологий", "Кластер умного города"):
        cluster = Cluster.objects.create(
            name=name,
            aims="Совместные проекты",
            description_ru="Описание",
            lead_organization=organization,
        )
        ClusterMember.objects.create(cluster=cluster, organization=organization, is_admin=True)
        ClusterMember.objects.create(cluster=cluster, organization=OrganizationFactory())
        clusters.append(cluster)
    registered, other = clusters
    project = a_project(registered, owner)
    from innocluster.features.clusters.services import projects

    projects.milestone_add(
        project=project, actor=owner, title="Опытный образец", due_on=project.starts_on
    )
    projects.need_add(project=project, actor=owner, category="hardware", description="Датчики")
    registered = cluster_status_grant_seeded(cluster=registered, actor=None, reason="Решение фонда")
    draft = cluster_application_create(cluster=other, actor=owner)
    number = registered.register_number
    project_path = f"/clusters/{registered.pk}/projects/{project.pk}/"
    return {
        "public": ["/clusters/register/", f"/clusters/register/{number}/", project_path],
        "staff": [f"/clusters/register/{number}/", project_path],
        "owner": [
            f"/clusters/{registered.pk}/projects/new/",
            f"{project_path}edit/",
            f"/clusters/applications/{draft.case_id}/",
        ],
    }


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
@pytest.mark.parametrize(
    "person", ["anonymous", "owner", "member", "reviewer", "admin", "poster", "site_person"]
)
def test_every_main_page_reads_right(new_page, live_server, person, width):
    world = _build_world()
    page = new_page(*WIDTHS[width])
    if person != "anonymous":
        _sign_in(page, live_server, getattr(world, person))
    shots = SCREENSHOT_DIR / f"{person}-{width}"
    problems = walk(page, live_server, shots=shots, seen=world.paths[person])
    assert problems == [], "\n".join(problems)
