"""Find partners: organizations that complement mine, or that answer a need, with reasons.

Complement, not copy: an organization in my industries (the same market) that brings
technologies I lack, or of another type (a lab for a startup, a manufacturer for a design
bureau), ranks high; one of my own type with exactly my technologies ranks low. A need typed in
free text is a search; its reasons are the products and technologies that match it.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from innocluster.platform.organizations.models import Organization, Product
from innocluster.platform.search.text import highlight, query_prefixes

from .backends import backend

LIMIT = 20
CANDIDATES = 400
REASON_NAMES = 3


@dataclass
class PartnerSuggestion:
    organization: Organization
    score: float
    reasons: list[str] = field(default_factory=list)


def find_partners(
    *, organization: Organization | None = None, need: str = "", regions=(), exclude_ids=()
) -> list[PartnerSuggestion]:
    """Up to LIMIT partners for `organization` and/or `need`, best first, each with reasons;
    never `organization` itself nor any of `exclude_ids`; only in `regions` when given."""
    excluded = set(exclude_ids) | ({organization.pk} if organization else set())
    candidates = Organization.objects.exclude(pk__in=excluded)
    if regions:
        candidates = candidates.filter(region__in=regions)
    mine = _profile(organization) if organization else None
    stems = query_prefixes(need)  # what the highlights mark: every form the search matches
    if stems:
        organizations = _answering(candidates, need)
    elif mine:
        organizations = list(_related(candidates, mine).with_public_relations()[:CANDIDATES])
    else:
        return []
    products = _products(organizations, stems)
    suggestions = [_suggest(o, mine, stems, products.get(o.pk, [])) for o in organizations]
    suggestions.sort(key=lambda s: (-s.score, s.organization.short_name))
    return suggestions[:LIMIT]


@dataclass
class _Profile:
    org_type: str
    technologies: dict[int, str]
    industries: dict[int, str]


def _profile(organization: Organization) -> _Profile:
    return _Profile(
        org_type=organization.org_type,
        technologies={t.pk: t.name for t in organization.technologies.all()},
        industries={i.pk: i.name for i in organization.industries.all()},
    )


def _answering(candidates, need: str) -> list[Organization]:
    """The best candidates for a need: those matching every word of it, or, when none does,
    those matching the most of its words (a need in a person's words is seldom every word
    of one profile)."""
    for any_word in (False, True):
        matching = backend().match(candidates, need, any_word=any_word)
        found = list(matching.order_by("-search_rank", "pk").with_public_relations()[:CANDIDATES])
        if found:
            return found
    return []


def _related(candidates, mine: _Profile):
    """Organizations sharing an industry or a technology with mine, most shared first."""
    through_i = Organization.industries.through
    through_t = Organization.technologies.through
    shares_industry = Exists(
        through_i.objects.filter(organization=OuterRef("pk"), industry_id__in=mine.industries)
    )
    shares_technology = Exists(
        through_t.objects.filter(organization=OuterRef("pk"), technology_id__in=mine.technologies)
    )
    return (
        candidates.filter(shares_industry | shares_technology)
        .annotate(
            shared=Count(
                "industries", filter=Q(industries__in=list(mine.industries)), distinct=True
            )
        )
        .order_by("-shared", "pk")
    )


def _products(organizations, stems) -> dict[int, list[Product]]:
    found: dict[int, list[Product]] = {}
    ids = [o.pk for o in organizations]
    for product in Product.objects.filter(organization_id__in=ids).only("organization_id", "name"):
        found.setdefault(product.organization_id, []).append(product)
    return found


def _names(items) -> str:
    items = sorted(items)
    more = len(items) - REASON_NAMES
    text = ", ".join(items[:REASON_NAMES])
    return text + (_(" and %(n)s more") % {"n": more} if more > 0 else "")


def _suggest(organization, mine: _Profile | None, stems, products) -> PartnerSuggestion:
    suggestion = PartnerSuggestion(organization=organization, score=0.0)
    technologies = {t.pk: t.name for t in organization.technologies.all()}
    industries = {i.pk: i.name for i in organization.industries.all()}
    if stems:
        _need_reasons(suggestion, stems, technologies, products)
    if mine:
        _complement_reasons(suggestion, mine, organization.org_type, technologies, industries)
    return suggestion


def _need_reasons(suggestion, stems, technologies, products) -> None:
    suggestion.score += 2 + 10 * float(getattr(suggestion.organization, "search_rank", 0) or 0)
    matching = [p.name for p in products if "<mark>" in highlight(p.name, stems)]
    if matching:
        suggestion.score += 2
        suggestion.reasons.append(_("Matching product: %(names)s") % {"names": _names(matching)})
    tech = [name for name in technologies.values() if "<mark>" in highlight(name, stems)]
    if tech:
        suggestion.score += 1
        suggestion.reasons.append(_("Matching technologies: %(names)s") % {"names": _names(tech)})
    if not suggestion.reasons:
        suggestion.reasons.append(_("Its profile mentions what you need."))


def _complement_reasons(suggestion, mine: _Profile, org_type, technologies, industries) -> None:
    shared_industries = [industries[k] for k in industries.keys() & mine.industries.keys()]
    shared_tech = [technologies[k] for k in technologies.keys() & mine.technologies.keys()]
    new_tech = [technologies[k] for k in technologies.keys() - mine.technologies.keys()]
    if shared_industries:
        suggestion.score += 2 * len(shared_industries)
        suggestion.reasons.append(
            _("The same industries: %(names)s") % {"names": _names(shared_industries)}
        )
    if shared_tech:
        suggestion.score += 1 * len(shared_tech)
        suggestion.reasons.append(
            _("Shared technologies: %(names)s") % {"names": _names(shared_tech)}
        )
    if new_tech and (shared_industries or shared_tech):
        suggestion.score += 1.5 * min(len(new_tech), 3)
        suggestion.reasons.append(
            _("Brings technologies you lack: %(names)s") % {"names": _names(new_tech)}
        )
    if org_type != mine.org_type:
        suggestion.score += 2
    elif not new_tech:
        suggestion.score -= 4  # the same type with nothing new: a copy of me, a competitor
