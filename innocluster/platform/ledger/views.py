"""The ledger's public pages: the latest signed checkpoint and the key, search by subject, the
entries, and an entry in words with its inclusion proof. They show what the JSON API gives
(the same serializers), so what a person reads is what a verifier checks."""

import re

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse

from . import selectors
from .api import serializers as s
from .describe import describe, subjects_of
from .encoding import key_id, to_base64
from .errors import LedgerNotFound
from .kinds import kind_label, subject_prefixes
from .models import Entry
from .signing import public_key_bytes, public_key_pem

PAGE_SIZE = 50
FOUND_SUBJECTS = 50
SUBJECT_CODE = re.compile(r"^[a-z_]+:\d+$")
PAGE_NUMBER = re.compile(r"[0-9]{1,9}")
# Shorter queries search the subjects' names only, not the text of every entry.
MIN_DATA_QUERY = 3


def home(request):
    """The checkpoint, the search box and the entries: newest first by default, or those about
    the subjects that match the query."""
    # PostgreSQL refuses a NUL in the text it is sent (a 500): no entry holds one anyway.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    checkpoint = selectors.checkpoint_latest()
    if query:
        entries, page = _found(query), None
    else:
        entries, page = _page(request)
    context = {
        "query": query,
        "checkpoint": _checkpoint(checkpoint),
        "key": _public_key(),
        "rows": _rows(entries),
        "page": page,
        "verify": _verify_text(request, index=0),
    }
    return render(request, "ledger/home.html", context)


def entry(request, index: int):
    try:
        found = selectors.entry_get(index=index)
    except LedgerNotFound:
        raise Http404 from None
    checkpoint = selectors.checkpoint_latest()
    signed = checkpoint is not None and found.index < checkpoint.tree_size
    context = {
        "entry": found,
        "label": kind_label(found.kind),
        "subject": subjects_of([found.subject])[found.subject],
        "fields": describe(found),
        "leaf_hash": bytes(found.leaf_hash).hex(),
        "proof": _proof(found.index, checkpoint) if signed else None,
        "key": _public_key(),
        "verify": _verify_text(request, index=found.index),
    }
    return render(request, "ledger/entry.html", context)


def _checkpoint(checkpoint) -> dict | None:
    """The API's answer for GET checkpoint, with its time to show in the reader's locale."""
    if checkpoint is None:
        return None
    return {**s.CheckpointSerializer(checkpoint).data, "signed_at": checkpoint.timestamp}


def _proof(index: int, checkpoint) -> dict:
    """Exactly the API's answer for GET entries/<index>/proof (at the latest checkpoint)."""
    proof = selectors.inclusion_proof(index=index, tree_size=checkpoint.tree_size)
    data = s.InclusionProofSerializer({**vars(proof), "checkpoint": checkpoint}).data
    return {**data, "checkpoint": _checkpoint(checkpoint)}


def _page(request) -> tuple[list[Entry], dict]:
    """Newest first, by index: the log's indexes have no gaps, so a page is a range and needs
    no count of a table that may hold millions."""
    size = selectors.ledger_size()
    pages = max(1, -(-size // PAGE_SIZE))
    number = _page_number(request.GET.get("page"), pages)
    end = size - (number - 1) * PAGE_SIZE
    entries = Entry.objects.filter(index__gte=max(0, end - PAGE_SIZE), index__lt=end)
    return list(entries.order_by("-index")), {"number": number, "pages": pages, "size": size}


def _page_number(text, pages: int) -> int:
    # ASCII digits only, and few: str.isdigit() takes «²», which int() refuses, and int()
    # refuses more than 4,300 digits; both were a 500 on this public page.
    if not PAGE_NUMBER.fullmatch(text or ""):
        return 1
    return min(max(int(text), 1), pages)


def _found(query: str) -> list[Entry]:
    """Every entry about the subjects the query names: a subject code ("organization:42") as
    it is, or anything an entry records (an INN, a register number, a name, an application's
    number) to the subjects of the entries that hold it."""
    if SUBJECT_CODE.match(query):
        subjects = [query]
    elif len(query) < MIN_DATA_QUERY:
        subjects = _named(query)  # a letter or two would scan the whole log for nothing useful
    else:
        holding = Entry.objects.filter(data__icontains=query).order_by("-index")
        subjects = [*_named(query), *holding.values_list("subject", flat=True)[:500]]
    subjects = list(dict.fromkeys(subjects))[:FOUND_SUBJECTS]
    return list(Entry.objects.filter(subject__in=subjects).order_by("-index")[: PAGE_SIZE * 4])


def _named(query: str) -> list[str]:
    """The subjects whose public name (an organization's, an IP object's) holds the query."""
    return [
        f"{prefix}:{pk}"
        for prefix, kind in subject_prefixes().items()
        if kind.find
        for pk in kind.find(query)[:FOUND_SUBJECTS]  # sliced in SQL: «а» names thousands
    ]


def _rows(entries: list[Entry]) -> list[dict]:
    subjects = subjects_of(e.subject for e in entries)
    return [
        {"entry": e, "label": kind_label(e.kind), "subject": subjects[e.subject]} for e in entries
    ]


def _public_key() -> dict:
    public = public_key_bytes()
    return {
        "base64": to_base64(public),
        "key_id": key_id(public),
        "pem": public_key_pem(),
        "origin": settings.LEDGER_ORIGIN,
    }


def _verify_text(request, *, index: int) -> str:
    """The guide's Python: checks one entry's proof and the checkpoint's signature against
    this site's API (tests run it against the API's answers)."""
    api = request.build_absolute_uri(reverse("ledger_api:public-key")).rsplit("/", 1)[0] + "/"
    return render_to_string("ledger/verify.py.txt", {"api": api, "index": index})
