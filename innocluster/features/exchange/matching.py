"""Matching an order to the manufacturers that can make it, with the reasons why each fits.

For each process or material of the order's items, the platform's own search is asked for
the category's words (lists.MATCH_PHRASES, or its names): the search sources that belong to
an organization (`Source.owner_field`: equipment and capacity offers today, with a capacity
offer's capabilities named by the words), and the directory's index of organizations (names,
technologies, products, descriptions). A supplier that asked to hear of orders of the
category (SupplierInterest) fits it too. Nothing of the other features is imported: the
sources are the search's registry, the organizations the directory's selector.

A supplier's score: ITEM_WEIGHT for each item of the order it can make, then WEIGHTS for each
kind of evidence per category, then the rating the other side gave it on completed orders
(selectors.supplier_ratings; never rated, it neither gains nor loses). Only suppliers that
may answer the order are listed: an active participant or partner of the cluster, or, for an
order to invited suppliers, also the invited (each marked `may_answer`).

What costs time is kept to what is shown (41,000 organizations: p95 ≤ 200 ms, issue 21):
the evidence is ids only (rows found, their owners, who may answer); organizations, their
technologies and products are read for a shortlist, and the reasons (names of the rows
found, translated text) written for the `limit` suppliers shown.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from innocluster.features.directory.selectors import organizations_matching_any
from innocluster.platform.organizations.models import Organization, Product
from innocluster.platform.search import sources
from innocluster.platform.search.text import WHOLE, normalize, query_prefixes
from innocluster.platform.status.selectors import active_among, with_active_status

from .choices import Access
from .lists import MATCH_PHRASES
from .models import SupplierInterest
from .selectors import supplier_ratings

MATCH_LIMIT = 50  # suppliers shown to the buyer
PER_CATEGORY = 100  # rows each search of a category's words reads, best first
REASON_NAMES = 3  # names quoted in a reason; "and N more" for the rest
ITEM_WEIGHT = 10  # per item of the order the supplier can make
WEIGHTS = {"interest": 3, "technologies": 2, "products": 2, "profile": 1}
SOURCE_WEIGHT = 3  # per search source (equipment, capacity offers…) with a match
RATING_WEIGHT = 2.0  # per star of the buyers' mean rating above (or below) 3 of 5
INTEREST, PROFILE = "interest", "profile"


def ratings_of(ids: list[int]) -> dict[int, float]:
    """{id: mean rating from 1 to 5} of those rated after completed orders, in one query."""
    return {pk: float(rating.average) for pk, rating in supplier_ratings(ids).items()}


@dataclass
class Match:
    organization: Organization
    score: float = 0.0
    items: list[int] = field(default_factory=list)  # ids of the order's items it can make
    reasons: list[str] = field(default_factory=list)
    opted_in: bool = False  # asked to hear of orders of one of the categories
    may_answer: bool = True
    rating: float | None = None
    # {category id: (technologies, products)} of its profile that hold the category's words
    _marked: dict = field(default_factory=dict, repr=False, compare=False)


@dataclass
class _Evidence:
    """What was found of one supplier: {category id: {kind: [ids of the source's rows]}}."""

    found: dict[int, dict[str, list[str]]] = field(default_factory=dict)

    def add(self, category_id: int, kind: str, row=None) -> None:
        """`row`: the id of a source's row found (its name is read for the suppliers shown)."""
        rows = self.found.setdefault(category_id, {}).setdefault(kind, [])
        if row is not None:
            rows.append(row)


def phrases_of(category) -> list[str]:
    return MATCH_PHRASES.get(category.code) or [p for p in (category.name, category.name_en) if p]


def _stems(category) -> Callable[[str], bool]:
    """Whether a name holds a word of the category's (a word starting with one of their
    stems, as the search's highlight marks them)."""
    stems = [s for phrase in phrases_of(category) for s in query_prefixes(phrase)]
    pattern = re.compile(sources.starts_a_word([s.rstrip(WHOLE) for s in stems]))
    return lambda name: bool(pattern.search(normalize(name)))


def match_order(order, *, limit: int = MATCH_LIMIT) -> list[Match]:
    """The suppliers that fit `order`, best first, each with its reasons (at most `limit`).

    The work is kept to what is shown: the evidence is gathered as ids (the rows found and
    their owners), organizations are loaded and profiles' names read for the shortlist only,
    and the reasons (the found rows' names, translated text) written for the `limit` shown."""
    items = list(order.items.all())
    categories = {item.category_id: item.category for item in items}
    evidence = _evidence(order, categories)
    if not evidence:
        return []
    invited = (
        set(order.invited.values_list("pk", flat=True)) if order.access == Access.INVITED else set()
    )
    candidates = _candidates(order, list(evidence))
    ratings = ratings_of(list(candidates))

    def may(organization_id) -> bool:
        return order.access != Access.INVITED or organization_id in invited

    def first(organization_id) -> tuple:
        """Who comes first, before the reasons are written: those who may answer, then by
        what the evidence's kinds alone are worth (the most a profile can add counted)."""
        bound = _bound(evidence[organization_id], items, ratings.get(organization_id))
        return (not may(organization_id), -bound)

    # Only the best few are scored: their profiles' names are read and tested.
    shortlist = sorted((pk for pk in evidence if pk in candidates), key=first)[: limit * 3]
    organizations = Organization.objects.only("pk", "short_name", "region").in_bulk(shortlist)
    profiles = _profile_names([pk for pk in shortlist if _has_profile(evidence[pk])])
    stems = {pk: _stems(category) for pk, category in categories.items()}
    matches = []
    for organization_id in shortlist:
        match = Match(
            organization=organizations[organization_id], rating=ratings.get(organization_id),
            may_answer=may(organization_id),
        )  # fmt: skip
        _score(match, evidence[organization_id], items, profiles.get(organization_id), stems)
        matches.append(match)
    matches.sort(key=lambda m: (not m.may_answer, -m.score, m.organization.short_name))
    shown = matches[:limit]
    _write_reasons(shown, evidence, categories)
    return shown


def _evidence(order, categories: dict) -> dict[int, _Evidence]:
    """{organization id: what was found of it}, in the order found: per category, its
    sources' rows, then the profiles; then who asked to hear of the categories."""
    evidence: dict[int, _Evidence] = {}

    def found(organization_id, category_id, kind, row=None):
        if organization_id is not None and organization_id != order.organization_id:
            evidence.setdefault(organization_id, _Evidence()).add(category_id, kind, row)

    for category in categories.values():
        phrases = phrases_of(category)
        _from_sources(phrases, category.pk, found)
        _from_profiles(phrases, category.pk, found)
    for organization_id, category_id in SupplierInterest.categories.through.objects.filter(
        category_id__in=categories
    ).values_list("supplierinterest__organization_id", "category_id"):
        found(organization_id, category_id, INTEREST)
    return evidence


def _from_sources(phrases: list[str], category_id: int, found) -> None:
    """The equipment, capacity offers… that match one of `phrases`, as (owner, row) evidence:
    one statement per source, the phrases' conditions OR-ed (and the source's own tested
    once); the rows' names are read later, for the suppliers shown only (_source_names)."""
    for source in sources.registered():
        if not source.owner_field:
            continue
        rows = sources.matching_any(source.queryset(), phrases, source.text, source.also)
        for pk, owner in rows.values_list("pk", source.owner_field)[:PER_CATEGORY]:
            found(owner, category_id, source.code, pk)


def _from_profiles(phrases: list[str], category_id: int, found) -> None:
    """The organizations whose profile (technologies, products, description) holds one of
    `phrases`, best first, through the directory's index."""
    for pk in organizations_matching_any(phrases).values_list("pk", flat=True)[:PER_CATEGORY]:
        found(pk, category_id, PROFILE)


def _has_profile(evidence: _Evidence) -> bool:
    return any(PROFILE in kinds for kinds in evidence.found.values())


def _candidates(order, ids: list[int]) -> set[int]:
    """Of `ids`, those that may answer or are shown: an active participant or partner, or
    one of the invited of an order to invited suppliers."""
    eligible = active_among(ids)
    if order.access == Access.INVITED:
        invited = set(order.invited.values_list("pk", flat=True))
        eligible |= invited & set(ids)
    return eligible


def _profile_names(ids: list[int]) -> dict[int, tuple[list[str], list[str]]]:
    """{organization id: (its technologies' names, its products' names)}."""
    names: dict[int, tuple[list[str], list[str]]] = {pk: ([], []) for pk in ids}
    through = Organization.technologies.through
    for pk, russian, english in through.objects.filter(organization_id__in=ids).values_list(
        "organization_id", "technology__name_ru", "technology__name_en"
    ):
        names[pk][0].append(f"{russian} / {english}" if english else russian)
    for pk, name in Product.objects.filter(organization_id__in=ids).values_list(
        "organization_id", "name"
    ):
        names[pk][1].append(name)
    return names


def _bound(evidence: _Evidence, items, rating) -> float:
    """The most _score can give this evidence (a profile counted at its best)."""
    covered = set(evidence.found)
    score = ITEM_WEIGHT * sum(1 for item in items if item.category_id in covered)
    for kinds in evidence.found.values():
        for kind in kinds:
            if kind == PROFILE:
                score += WEIGHTS["technologies"] + WEIGHTS["products"]
            else:
                score += WEIGHTS.get(kind, SOURCE_WEIGHT)
    return score + (RATING_WEIGHT * (rating - 3) if rating is not None else 0)


def _score(match: Match, evidence: _Evidence, items, profile, stems) -> None:
    """The match's items and score; the technologies and products of its profile that hold
    a category's words are kept (`match._marked`) for its reasons."""
    covered = set(evidence.found)
    match.items = [item.pk for item in items if item.category_id in covered]
    match.score = ITEM_WEIGHT * len(match.items)
    technologies, products = profile or ([], [])
    for category_id, kinds in evidence.found.items():
        for kind in kinds:
            if kind == INTEREST:
                match.opted_in = True
                match.score += WEIGHTS[INTEREST]
            elif kind != PROFILE:
                match.score += SOURCE_WEIGHT
        if PROFILE in kinds:
            holds = stems[category_id]
            marked = ([n for n in technologies if holds(n)], [n for n in products if holds(n)])
            match._marked[category_id] = marked
            match.score += _profile_points(*marked)
    if match.rating is not None:
        match.score += RATING_WEIGHT * (match.rating - 3)
    match.score = round(match.score, 2)


def _profile_points(technologies: list[str], products: list[str]) -> float:
    """What the technologies and products that hold a category's words add (or, for none,
    the profile's mere mention of it)."""
    if not (technologies or products):
        return float(WEIGHTS["profile"])
    return float(
        (WEIGHTS["technologies"] if technologies else 0) + (WEIGHTS["products"] if products else 0)
    )


def _write_reasons(matches: list[Match], evidence: dict, categories: dict) -> None:
    """Each match's reasons, in the order of its evidence: per category, the wish to hear of
    such orders, each source's rows found (by name), the profile's technologies and products;
    then the rating."""
    labels = {s.code: s.label for s in sources.registered()}
    names = _source_names([evidence[m.organization.pk] for m in matches], labels)
    for match in matches:
        for category_id, kinds in evidence[match.organization.pk].found.items():
            category = categories[category_id]
            for kind, rows in kinds.items():
                if kind == INTEREST:
                    match.reasons.append(
                        _("%(category)s: wants to hear of such orders") % {"category": category}
                    )
                elif kind in labels:
                    titles = [names[kind].get(pk, "") for pk in rows]
                    shown = list(dict.fromkeys(t for t in titles if t))
                    match.reasons.append(_reason(category, labels[kind], shown))
            if PROFILE in kinds:
                _profile_reasons(match, category, *match._marked[category_id])
        if match.rating is not None:
            match.reasons.append(
                _("Rated %(rating)s of 5 on completed orders")
                % {"rating": number_format(match.rating, 1)}
            )


def _source_names(found: list[_Evidence], labels: dict) -> dict[str, dict[int, str]]:
    """{source code: {row id: its title}} of the rows found for these suppliers: a query per
    source, for the few shown."""
    wanted: dict[str, set[int]] = {code: set() for code in labels}
    for evidence in found:
        for kinds in evidence.found.values():
            for kind, rows in kinds.items():
                if kind in wanted:
                    wanted[kind].update(rows)
    titles: dict[str, dict[int, str]] = {}
    for source in sources.registered():
        pks = wanted.get(source.code)
        if pks:
            rows = source.queryset().filter(pk__in=pks)
            titles[source.code] = {row.pk: source.item(row).title for row in rows}
    return titles


def _profile_reasons(match: Match, category, technologies: list[str], products: list[str]):
    """Which technologies and products of the supplier hold the category's words."""
    if technologies:
        match.reasons.append(_reason(category, _("technologies"), technologies))
    if products:
        match.reasons.append(_reason(category, _("products"), products))
    if not (technologies or products):
        match.reasons.append(_("%(category)s: its profile speaks of it") % {"category": category})


def _reason(category, what, names: list[str]) -> str:
    shown = ", ".join(names[:REASON_NAMES])
    more = len(names) - REASON_NAMES
    if more > 0:
        shown += " " + _("and %(n)s more") % {"n": more}
    return _("%(category)s — %(what)s: %(names)s") % {
        "category": category,
        "what": str(what).lower(),
        "names": shown,
    }


def interested_suppliers(order):
    """The organizations that asked to hear of orders like `order` and may answer it."""
    categories = order.items.values("category_id")
    organizations = Organization.objects.filter(
        exchange_interest__categories__in=categories
    ).exclude(pk=order.organization_id)
    if order.access == Access.INVITED:
        organizations = organizations.filter(pk__in=order.invited.values("pk"))
    else:
        organizations = with_active_status(organizations)
    return organizations.distinct()
