"""A pilot proposal (issue 20, step 1): a kind of the one review pipeline. An active
participant proposes to test one of its products: the draft is filled from the product (its
name, description and TRL) and the owner's contact; the company says what it wants to test,
where (one or more published sites, or "the fund picks"), the KPIs it proposes (each a unit
from the fixed list and a target), the duration, what it needs from the site, and attaches
its certificates and insurance. The fund screens it on its deadline; approval opens the
pilot and asks each chosen site for its consent (consent.py).

A site takes as many pilots at once as its capacity: a proposal naming a site whose places
are all taken is refused (SITE_FULL) when saved, when submitted, and at approval under the
sites' row locks (two approvals at once never overfill a site)."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.errors import NotFound
from innocluster.platform.organizations.models import Product
from innocluster.platform.reviews import services as reviews
from innocluster.platform.reviews.errors import ReviewErrorCode
from innocluster.platform.reviews.kinds import CONTACT_FIELDS, ReviewKind, missing_contact, register
from innocluster.platform.status.errors import StatusErrorCode
from innocluster.platform.status.selectors import has_active_status

from .choices import MAX_KPIS, MAX_PROPOSED_SITES, MIN_TRL, KpiUnit, ProposalDocumentType
from .errors import PilotErrorCode as Code
from .models import PilotProposal, PilotProposalDocument, PilotSite
from .selectors import full_sites

CASE_KIND = "pilots.proposal"
PROPOSAL_FIELDS = (
    "solution",
    "description",
    "trl",
    "trl_reason",
    "what_to_test",
    "sites",
    "fund_picks_site",
    "kpis",
    "duration_weeks",
    "site_needs",
)


def proposal_create(*, organization, actor, product, **fields) -> PilotProposal:
    """Open a draft proposing `product` of `organization` (an active participant, through
    its owners and editors); a company may have several proposals open at once."""
    return reviews.submission_create(
        kind=CASE_KIND,
        organization=organization,
        actor=actor,
        fields={"product": product, **fields},
    )


def _error(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def kpis_errors(kpis) -> list[ValidationError]:
    """What is wrong with a list of proposed KPIs: each {name, unit, target}, the unit from
    the fixed list, the target a number."""
    if not isinstance(kpis, list) or len(kpis) > MAX_KPIS:
        text = _("At most %(n)d KPIs, each with a name, a unit and a target.") % {"n": MAX_KPIS}
        return [_error(text, Code.BAD_KPI)]
    errors = []
    for number, kpi in enumerate(kpis, start=1):
        for text in _kpi_problems(kpi):
            errors.append(_error(text % {"n": number}, Code.BAD_KPI))
    return errors


def _kpi_problems(kpi) -> list[str]:
    if not isinstance(kpi, dict) or set(kpi) != {"name", "unit", "target"}:
        return [_("KPI %(n)d: give a name, a unit and a target.")]
    problems = []
    name = kpi["name"]
    if not isinstance(name, str) or not name.strip() or len(name) > 200:
        problems.append(_("KPI %(n)d: name it (at most 200 characters)."))
    if kpi["unit"] not in KpiUnit.values:
        problems.append(_("KPI %(n)d: choose a unit from the list."))
    if parse_target(kpi["target"]) is None:
        problems.append(_("KPI %(n)d: the target is a number."))
    return problems


def parse_target(value) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or abs(number) >= Decimal("1e12"):
        return None
    return number


def sites_errors(site_ids) -> list[ValidationError]:
    """Unknown or unpublished sites, and sites whose every place is taken."""
    if not isinstance(site_ids, list) or len(site_ids) > MAX_PROPOSED_SITES:
        text = _("Choose at most %(n)d sites.") % {"n": MAX_PROPOSED_SITES}
        return [_error(text, Code.UNKNOWN_SITE)]
    ids = [pk for pk in site_ids if isinstance(pk, int) and not isinstance(pk, bool)]
    known = set(
        PilotSite.objects.filter(pk__in=ids, is_published=True).values_list("pk", flat=True)
    )
    if len(known) != len(site_ids):
        return [_error(_("Choose published pilot sites, each once."), Code.UNKNOWN_SITE)]
    return [
        _error(
            _("The site «%(name)s» has no free place for a pilot now.") % {"name": site.name},
            Code.SITE_FULL,
        )
        for site in full_sites(site_ids)
    ]


def check_proposal(proposal: PilotProposal) -> None:
    """The model's rules of a proposal's own fields (called by its clean)."""
    errors = {}
    if kpi_errors := kpis_errors(proposal.kpis):
        errors["kpis"] = kpi_errors
    if site_errors := sites_errors(proposal.sites):
        errors["sites"] = site_errors
    if errors:
        raise ValidationError(errors)


def missing_for_proposal(proposal: PilotProposal) -> dict[str, list]:
    """Every item a proposal lacks before it goes to the fund, under its field."""
    errors = missing_contact(proposal)

    def missing(field, message, code="required"):
        errors.setdefault(field, []).append(_error(message, code))

    if not proposal.what_to_test.strip():
        missing("what_to_test", _("Say what you want to test."))
    if not proposal.sites and not proposal.fund_picks_site:
        missing("sites", _("Choose one or more sites, or let the fund pick."), Code.NO_SITE)
    if not proposal.kpis:
        missing("kpis", _("Propose at least one KPI with its unit and target."), Code.NO_KPI)
    if proposal.duration_weeks is None:
        missing("duration_weeks", _("Give the duration of the test."))
    if proposal.trl < MIN_TRL and not proposal.trl_reason.strip():
        text = _("The product is below TRL 5: say why it should be tested now.")
        missing("trl_reason", text, Code.TRL_REASON)
    documents = {doc.doc_type for doc in proposal.documents.all()}
    needs_insurance = PilotSite.objects.filter(pk__in=proposal.sites, insurance_required=True)
    if ProposalDocumentType.INSURANCE not in documents and needs_insurance.exists():
        text = _("A chosen site requires insurance: attach the policy.")
        missing("documents", text, ReviewErrorCode.MISSING_DOCUMENT)
    return errors


class PilotProposalKind(ReviewKind):
    code, prefix = CASE_KIND, "PP"  # case numbers PP-000042
    label = gettext_lazy("pilot proposal")
    model, document_model = PilotProposal, PilotProposalDocument
    editable_fields = (*PROPOSAL_FIELDS, *CONTACT_FIELDS)
    creation_fields = ("product",)
    one_open_per_organization = False  # a company may propose several products at once
    url_namespace = "pilots"

    @property
    def detail_template(self) -> str:
        return "pilots/proposal/detail.html"

    def draft_values(self, *, organization, actor, fields):
        product = fields.get("product")
        pk = getattr(product, "pk", product)
        product = Product.objects.filter(pk=pk, organization=organization).first()
        if organization is None or product is None:
            raise NotFound(_("Product not found."))
        if not has_active_status(organization=organization, kinds=("participant",)):
            text = _("Pilots are proposed by active participants of the cluster.")
            refusal = _error(text, StatusErrorCode.NOT_A_PARTICIPANT)
            raise ValidationError({"organization": refusal})
        values = super().draft_values(organization=organization, actor=actor, fields=fields)
        return {
            **values,
            "product": product,
            "solution": product.name,
            "description": product.description,
            "trl": product.trl,
        }

    def submission_queryset(self):
        return super().submission_queryset().select_related("product")

    def document_values(self, submission, values):
        doc_type = values.get("doc_type") or ProposalDocumentType.OTHER
        if doc_type not in ProposalDocumentType.values:
            refusal = _error(_("Choose the type of the document."), "invalid_choice")
            raise ValidationError({"doc_type": refusal})
        return {"doc_type": doc_type}

    def check_complete(self, case):
        errors = missing_for_proposal(case.pilot_proposal)
        if errors:
            raise ValidationError(errors)

    def on_approve(self, case, actor):
        from .consent import pilot_open_from_proposal

        pilot_open_from_proposal(proposal=case.pilot_proposal, actor=actor)


register(PilotProposalKind())
