"""The ledger's public pages: the checkpoint, search by subject, an entry in words with its
proof (what the API gives), the offline guide's script, in Russian and English."""

import io
import json
import re
import urllib.request
from html import unescape

import pytest
from django.test import Client
from django.utils import translation

from innocluster.platform.ledger.describe import FIELD_LABELS, describe
from innocluster.platform.ledger.merkle import leaf_hash, verify_inclusion
from innocluster.platform.ledger.models import Entry
from innocluster.platform.ledger.services import ledger_append, ledger_checkpoint_sign
from innocluster.platform.status.choices import StatusKind
from tests.factories import OrganizationFactory, member_of

from .helpers import append_many

pytestmark = pytest.mark.django_db

STATUS_PAYLOAD = {
    "register_number": "77-000123",
    "organization": {"id": 0, "inn": "7707083893"},
    "status": StatusKind.PARTICIPANT,
    "state": "active",
    "grounds": "",
    "case": "S-2026-00042",
    "effective_on": "2026-03-05",
}


@pytest.fixture
def organization():
    return OrganizationFactory(short_name="Лаборатория Кварц", inn="7707083893")


@pytest.fixture
def status_entry(organization):
    payload = {**STATUS_PAYLOAD, "organization": {"id": organization.pk, "inn": organization.inn}}
    append_many(3)
    ledger_append(
        kind="participation.granted", subject=f"organization:{organization.pk}", payload=payload
    )
    ledger_checkpoint_sign()
    return Entry.objects.get(subject=f"organization:{organization.pk}")


def page(path: str, language: str = "ru", **query) -> str:
    prefix = "/en" if language == "en" else ""
    response = Client().get(prefix + path, query)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def text_of(html: str) -> str:
    main = html.split("<main", 1)[-1].split("</main>", 1)[0]
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)))


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("ru", ["Реестр прозрачности", "Присвоен статус", "Организация: Лаборатория Кварц"]),
        ("en", ["Transparency ledger", "Status granted", "Organization: Лаборатория Кварц"]),
    ],
)
def test_the_ledger_page_shows_the_signed_checkpoint_the_key_and_the_entries(
    status_entry, language, words
):
    html = page("/ledger/", language)
    checkpoint = Client().get("/api/v1/ledger/checkpoint").json()
    key = Client().get("/api/v1/ledger/public-key").json()

    for word in words:
        assert word in text_of(html)
    assert checkpoint["root_hash"] in html and checkpoint["signature"] in html
    assert key["public_key"] in html and "/api/v1/ledger/public-key" in html
    assert (
        f'href="{"/en" if language == "en" else ""}/ledger/entries/{status_entry.index}/"' in html
    )
    assert "participation.granted" not in html  # never the code


def test_the_footer_links_the_ledger():
    assert 'href="/ledger/"' in page("/")


@pytest.mark.parametrize("query", ["7707083893", "77-000123", "Кварц", "S-2026-00042"])
def test_search_finds_every_entry_about_the_subject_that_records_it(status_entry, query):
    html = page("/ledger/", q=query)

    assert f"/ledger/entries/{status_entry.index}/" in html
    assert "/ledger/entries/0/" not in html  # another subject's entry


def test_a_nul_in_the_query_is_no_500(status_entry):
    """PostgreSQL refuses a NUL in a query's text: the page drops it first."""
    assert f"/ledger/entries/{status_entry.index}/" in page("/ledger/", q="77-000\x00123")


def test_search_by_subject_code_and_a_search_that_finds_nothing(status_entry):
    assert f"/ledger/entries/{status_entry.index}/" in page("/ledger/", q=status_entry.subject)
    assert "/ledger/entries/" not in page("/ledger/", q="nothing-like-this")


@pytest.mark.parametrize("language", ["ru", "en"])
def test_an_entry_page_says_what_it_records_in_words(status_entry, language):
    text = text_of(page(f"/ledger/entries/{status_entry.index}/", language))

    if language == "ru":
        assert "Присвоен статус" in text and "участник" in text.lower()
        assert "Номер в реестре 77-000123" in text and "5 марта 2026" in text
    else:
        assert "Status granted" in text and "participant" in text
        assert "Register number 77-000123" in text and "March 5, 2026" in text
    for code in ("participation.granted", "organization:", "effective_on", "register_number"):
        assert code not in text.split("{")[0]  # the words, before the hashed text


def test_an_entry_page_shows_the_proof_the_api_gives_and_it_verifies(status_entry):
    html = page(f"/ledger/entries/{status_entry.index}/")
    proof = Client().get(f"/api/v1/ledger/entries/{status_entry.index}/proof").json()
    checkpoint = Client().get("/api/v1/ledger/checkpoint").json()

    path = [bytes.fromhex(h) for h in proof["audit_path"]]
    leaf = leaf_hash(status_entry.data.encode())
    root = bytes.fromhex(checkpoint["root_hash"])
    assert verify_inclusion(status_entry.index, checkpoint["tree_size"], leaf, path, root)
    assert proof["root_hash"] == checkpoint["root_hash"] and proof["root_hash"] in html
    assert all(h in html for h in proof["audit_path"]) and proof["leaf_hash"] in html


def test_the_guides_script_verifies_an_entry_against_the_api(status_entry, monkeypatch):
    """The script shown on the page, run as a person would, with its HTTP requests answered
    by this site's API."""
    html = page(f"/ledger/entries/{status_entry.index}/", "en")
    script = unescape(re.search(r"<code>(# .*?)</code>", html, re.S).group(1))

    def urlopen(url):
        path = url.replace("http://testserver", "")
        return io.BytesIO(Client().get(path).content)

    monkeypatch.setattr(urllib.request, "urlopen", _closing(urlopen))
    printed = []
    exec(compile(script, "guide.py", "exec"), {"print": printed.append})  # noqa: S102

    assert printed == [f"entry {status_entry.index} is in the signed log of 4 entries"]


def test_the_guides_script_refuses_an_entry_that_does_not_match(status_entry, monkeypatch):
    html = page(f"/ledger/entries/{status_entry.index}/")  # in Russian, comments and all
    script = unescape(re.search(r"<code>(# .*?)</code>", html, re.S).group(1))

    def urlopen(url):
        body = Client().get(url.replace("http://testserver", "")).json()
        if "data" in body:
            body["data"] = body["data"].replace("77-000123", "77-999999")
        return io.BytesIO(json.dumps(body).encode())

    monkeypatch.setattr(urllib.request, "urlopen", _closing(urlopen))
    with pytest.raises(AssertionError, match="не совпадает с его хешем"):
        exec(compile(script, "guide.py", "exec"), {"print": print})  # noqa: S102


def _closing(open_url):
    class Answer:
        def __init__(self, url):
            self.body = open_url(url)

        def __enter__(self):
            return self.body

        def __exit__(self, *exc):
            return False

    return Answer


def test_an_unsigned_entry_says_its_proof_comes_soon():
    append_many(2)  # sequenced at once; the checkpoint is signed after a commit that never comes

    assert "once the next checkpoint is signed" in page("/ledger/entries/1/", "en")


def test_an_unknown_entry_is_a_404():
    assert Client().get("/ledger/entries/99/").status_code == 404
    assert Client().get("/en/ledger/entries/99/").status_code == 404


def test_nothing_private_is_shown(organization, status_entry):
    """The pages show the log (public by design) and public names: no e-mail, no person."""
    owner = member_of(organization, full_name="Пётр Секретов", email="petr@secret.example")
    html = page("/ledger/") + page(f"/ledger/entries/{status_entry.index}/")
    html += page(f"/ledger/?q={organization.inn}")

    assert "@" not in text_of(html)
    assert owner.full_name not in html and "petr" not in html


@pytest.mark.parametrize("number", ["²", "9" * 5_000, "-1", "0", "1e9", "\x00"])
def test_any_page_number_shows_a_page(number):
    """A page number that is no short ASCII number is the first page, never a 500
    (str.isdigit() took «²», which int() refuses; int() refuses 5,000 digits)."""
    response = Client(HTTP_ACCEPT_LANGUAGE="ru").get("/ledger/", {"page": number})
    assert response.status_code == 200


def test_an_application_is_named_not_linked_and_a_person_never_appears():
    ledger_append(
        kind="review.decided",
        subject="review_case:5",
        payload={"case": "S-1", "kind": "", "organization": None, "decision": "approved"},
    )
    ledger_checkpoint_sign()
    text = text_of(page("/ledger/entries/0/", "en"))

    assert "Application No. 5" in text and "approved" in text.lower()
    assert "/reviews/" not in page("/ledger/entries/0/")


def test_every_field_the_apps_record_has_a_label():
    """Each payload key written by a ledger_append call in the code has its words."""
    from pathlib import Path

    import innocluster

    root = Path(innocluster.__file__).parent
    keys = set()
    for source in root.rglob("*.py"):
        text = source.read_text()
        for block in re.findall(r"payload=\{(.*?)\n        \}", text, re.S):
            keys |= set(re.findall(r'^\s+"(\w+)":', block, re.M))
    assert keys and keys <= set(FIELD_LABELS), keys - set(FIELD_LABELS)


def test_describe_reads_dates_regions_and_yes_no(organization):
    ledger_append(
        kind="organization.registered",
        subject=f"organization:{organization.pk}",
        payload={"kind": "legal_entity", "region": "78", "demo": True, "year": 2026},
    )
    entry = Entry.objects.get()

    with translation.override("en"):
        fields = {str(f.label): str(f.value) for f in describe(entry)}

    assert fields == {
        "type": "legal entity",
        "region": "Saint Petersburg",
        "demo data": "yes",
        "year": "2026",
    }
