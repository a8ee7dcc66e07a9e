"""Proposals and pilots for the tests, made through the services."""

from innocluster.features.pilots import proposal as proposing
from innocluster.platform.reviews import services as reviews
from tests.factories import OrganizationFactory, ProductFactory, member_of, with_status

from ..pdfs import pdf_file
from ..status.helpers import reviewer
from .helpers import make_site

KPIS = [
    {"name": "Точность распознавания", "unit": "percent", "target": "95"},
    {"name": "Экономия времени врача", "unit": "minutes", "target": "12.5"},
]


def a_company(trl=7):
    company = with_status(OrganizationFactory())
    owner = member_of(company, "owner")
    product = ProductFactory(organization=company, trl=trl)
    return company, owner, product


def a_site_person(**fields):
    """A published site and the person who answers for it."""
    site, operator = make_site(**fields)
    return site, operator


def complete_fields(sites) -> dict:
    return {
        "what_to_test": "Подсказки врачу по снимкам",
        "sites": [site.pk for site in sites],
        "kpis": KPIS,
        "duration_weeks": 8,
        "contact_phone": "+7 495 000-00-00",
    }


def a_proposal(sites=(), company=None, **fields):
    if company is None:
        company = a_company()
    organization, owner, product = company
    proposal = proposing.proposal_create(organization=organization, actor=owner, product=product)
    return reviews.submission_update(
        submission=proposal, actor=owner, fields={**complete_fields(sites), **fields}
    )


def approved_pilot(sites, company=None, **fields):
    """A pilot opened by an approved proposal asking `sites` for consent."""
    proposal = a_proposal(sites, company, **fields)
    owner = proposal.case.created_by
    if any(site.insurance_required for site in sites):
        reviews.submission_document_add(
            submission=proposal, actor=owner, upload=pdf_file(), doc_type="insurance"
        )
    case = reviews.case_submit(case=proposal.case, actor=owner)
    reviews.case_decide(case=case, reviewer=reviewer(), decision="approve")
    return proposal.__class__.objects.get(pk=proposal.pk).pilot
