"""An offer's documents (issue 21: "price with VAT rate, lead time, comment, documents"): a PDF
or a picture checked by its content, sealed like the offer (nobody but its supplier fetches
one before the opening: 404, the buyer and the fund included), each file's SHA-256 inside the
offer's hash on the ledger; on the page form and in the API; bad input writes nothing."""

import hashlib
import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from innocluster.core.errors import Conflict
from innocluster.features.exchange import services
from innocluster.features.exchange.models import Offer, OfferDocument
from innocluster.features.exchange.services import offers as offer_services
from innocluster.features.exchange.services.offers import offer_hash
from innocluster.platform.accounts.choices import StaffRole
from innocluster.platform.ledger.models import Entry
from tests.factories import UserFactory
from tests.pdfs import pdf_bytes, pdf_file

from .helpers import a_buyer, a_supplier, an_offer, an_order, close

pytestmark = pytest.mark.django_db


def a_picture(name="деталь.png") -> SimpleUploadedFile:
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(picture, "PNG")
    return SimpleUploadedFile(name, picture.getvalue(), content_type="image/png")


def stored_files(settings) -> list:
    return sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


def sealed_hashes() -> list[str]:
    entries = Entry.objects.filter(subject="exchange_offers:sealed", kind="exchange.offer_sealed")
    return [e.content["payload"]["offer_sha256"] for e in entries]


def error_codes(refused, field) -> list[str]:
    return [e.code for e in refused.value.error_dict[field]]


def _client(user=None):
    client = Client(HTTP_ACCEPT_LANGUAGE="ru")
    if user:
        client.force_login(user)
    return client


def test_documents_are_sealed_with_the_offer_and_in_its_hash():
    # Given an offer with a PDF and a picture
    order = an_order()
    supplier, editor = a_supplier()
    content = pdf_bytes()
    offer = an_offer(
        order, supplier, editor, documents=[pdf_file("Паспорт.html", content), a_picture()]
    )
    documents = list(offer.documents.all())
    # Then each is kept under a safe name with the SHA-256 of its bytes
    assert [d.name for d in documents] == ["Паспорт.pdf", "деталь.png"]
    assert documents[0].sha256 == hashlib.sha256(content).hexdigest()
    assert documents[0].file.read() == content
    # and the offer's hash, the one on the ledger, covers them: anyone can recompute it
    lines = list(offer.lines.all())
    assert offer_hash(offer, lines, documents) == offer.sha256 == sealed_hashes()[-1]
    assert offer_hash(offer, lines) != offer.sha256
    assert offer_services.offer_content(offer, lines, documents)["documents"] == sorted(
        d.sha256 for d in documents
    )


def test_an_offer_without_documents_hashes_as_before():
    offer = an_offer(an_order())
    assert "documents" not in offer_services.offer_content(offer, offer.lines.all())
    assert offer_hash(offer, offer.lines.all()) == offer.sha256


def test_nobody_but_the_supplier_fetches_a_document_before_the_opening(api_as):
    buyer, owner = a_buyer()
    order = an_order(buyer, owner)
    supplier, editor = a_supplier()
    offer = an_offer(order, supplier, editor, documents=[pdf_file("Смета.pdf")])
    document = offer.documents.get()
    page = f"/exchange/offers/{offer.pk}/documents/{document.pk}/"
    api = f"/api/v1/exchange/offers/{offer.pk}/documents/{document.pk}/"
    fund = UserFactory(staff_role=StaffRole.REVIEWER)
    other = a_supplier()[1]
    for user in (owner, fund, other):
        assert _client(user).get(page).status_code == 404
        assert api_as(user).get(api).status_code == 404
    assert _client().get(page).status_code == 404
    response = _client(editor).get(page)
    assert response.status_code == 200 and b"".join(response.streaming_content)[:5] == b"%PDF-"
    assert response["Content-Disposition"].startswith("attachment")
    assert api_as(editor).get(api).status_code == 200
    # after the opening the buyer and the fund read it; another supplier never does
    close(order)
    for user in (owner, fund):
        assert _client(user).get(page).status_code == 200
        assert api_as(user).get(api).status_code == 200
    assert _client(other).get(page).status_code == 404


def test_the_order_page_shows_the_documents_to_the_supplier_then_in_the_comparison():
    buyer, owner = a_buyer()
    order = an_order(buyer, owner)
    supplier, editor = a_supplier()
    offer = an_offer(order, supplier, editor, documents=[pdf_file("Смета.pdf")])
    link = f"/exchange/offers/{offer.pk}/documents/{offer.documents.get().pk}/"
    assert link in _client(editor).get(f"/exchange/orders/{order.pk}/").content.decode()
    assert link not in _client(owner).get(f"/exchange/orders/{order.pk}/").content.decode()
    close(order)
    assert link in _client(owner).get(f"/exchange/orders/{order.pk}/").content.decode()


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (SimpleUploadedFile("смета.pdf", b"MZ\x90\x00 an executable"), "not_pdf_or_image"),
        (SimpleUploadedFile("смета.pdf", b"%PDF-1.7 broken"), "not_a_pdf"),
        (SimpleUploadedFile("фото.png", b"\x89PNG\r\n\x1a\n broken"), "not_pdf_or_image"),
    ],
)  # fmt: skip
def test_a_document_that_is_neither_a_pdf_nor_a_picture_is_refused_and_nothing_written(
    settings, upload, code
):
    order = an_order()
    supplier, editor = a_supplier()
    with pytest.raises(ValidationError) as refused:
        an_offer(order, supplier, editor, documents=[upload])
    assert error_codes(refused, "documents") == [code]
    assert not Offer.objects.exists() and not sealed_hashes()
    assert stored_files(settings) == []


def test_a_document_too_large_is_refused(settings):
    settings.DOCUMENT_MAX_BYTES = 100
    order = an_order()
    supplier, editor = a_supplier()
    with pytest.raises(ValidationError) as refused:
        an_offer(order, supplier, editor, documents=[pdf_file()])
    assert error_codes(refused, "documents") == ["file_too_large"]
    assert not Offer.objects.exists()


def test_at_most_ten_documents(settings):
    order = an_order()
    supplier, editor = a_supplier()
    offer = an_offer(order, supplier, editor, documents=[a_picture() for _ in range(9)])
    with pytest.raises(ValidationError) as refused:
        an_offer(order, supplier, editor, documents=[a_picture(), a_picture()])
    assert error_codes(refused, "documents") == ["exchange_too_many_documents"]
    assert offer.documents.count() == 9 and len(stored_files(settings)) == 9


def test_removing_and_adding_documents_is_a_new_version_on_the_ledger(
    settings, django_capture_on_commit_callbacks
):
    order = an_order()
    supplier, editor = a_supplier()
    offer = an_offer(order, supplier, editor, documents=[pdf_file("a.pdf"), a_picture()])
    first, second = offer.documents.all()
    with django_capture_on_commit_callbacks(execute=True):
        changed = an_offer(
            order, supplier, editor, documents=[pdf_file("c.pdf")], remove_documents=[first.pk]
        )
    assert changed.version == 2
    assert [d.name for d in changed.documents.all()] == ["деталь.png", "c.pdf"]
    assert not Path(first.file.path).exists()  # gone once the change committed
    assert offer_hash(changed, changed.lines.all(), changed.documents.all()) == changed.sha256
    assert sealed_hashes()[-1] == changed.sha256 and len(set(sealed_hashes())) == 2
    # one of another offer cannot be removed through this one
    stranger = an_offer(order, *a_supplier(), documents=[a_picture()]).documents.get()
    with pytest.raises(ValidationError) as refused:
        an_offer(order, supplier, editor, remove_documents=[stranger.pk])
    assert error_codes(refused, "remove_documents") == ["exchange_unknown_document"]


def test_a_failing_later_step_leaves_no_document_file(settings, monkeypatch):
    order = an_order()
    supplier, editor = a_supplier()

    def broken(**kwargs):
        raise RuntimeError("the ledger failed")

    monkeypatch.setattr(offer_services, "ledger_append", broken)
    with pytest.raises(RuntimeError):
        an_offer(order, supplier, editor, documents=[pdf_file(), a_picture()])
    assert not Offer.objects.exists() and not OfferDocument.objects.exists()
    assert stored_files(settings) == []


def test_documents_after_the_deadline_are_refused():
    order = an_order()
    supplier, editor = a_supplier()
    offer = an_offer(order, supplier, editor, documents=[a_picture()])
    close(order)
    with pytest.raises(Conflict) as refused:
        services.offer_document_add(offer=offer, actor=editor, upload=pdf_file())
    assert refused.value.code == "exchange_offers_closed"
    with pytest.raises(Conflict):
        services.offer_document_delete(document=offer.documents.get(), actor=editor)
    assert offer.documents.count() == 1


def test_the_offer_form_takes_documents_and_removes_them():
    order = an_order()
    supplier, editor = a_supplier()
    first, second = order.items.all()
    data = {
        "organization": supplier.pk, "lead_time_days": "20", "comment": "",
        f"price_{first.pk}": "1 000,50", f"vat_{first.pk}": "20",
        f"price_{second.pk}": "300", f"vat_{second.pk}": "0",
    }  # fmt: skip
    client = _client(editor)
    url = f"/exchange/orders/{order.pk}/offer/"
    fake = SimpleUploadedFile("смета.pdf", b"plain text", content_type="application/pdf")
    bad = client.post(url, data | {"documents": [fake]})
    assert bad.status_code == 400 and not Offer.objects.exists()
    assert "PDF" in bad.context["form"].errors["documents"][0]
    sent = client.post(url, data | {"documents": [pdf_file("Смета.pdf"), a_picture()]})
    assert sent.status_code == 302
    offer = Offer.objects.get()
    assert [d.name for d in offer.documents.all()] == ["Смета.pdf", "деталь.png"]
    form = client.get(url).context["form"]
    assert [name for _pk, name in form.fields["remove_documents"].choices] == [
        "Смета.pdf", "деталь.png",
    ]  # fmt: skip
    removed = offer.documents.first()
    assert client.post(url, data | {"remove_documents": [removed.pk]}).status_code == 302
    offer.refresh_from_db()
    assert offer.version == 2 and [d.name for d in offer.documents.all()] == ["деталь.png"]


def test_the_api_adds_lists_and_removes_documents(api_as):
    buyer, owner = a_buyer()
    order = an_order(buyer, owner)
    supplier, editor = a_supplier()
    offer = an_offer(order, supplier, editor)
    client = api_as(editor)
    base = f"/api/v1/exchange/offers/{offer.pk}/documents/"
    added = client.post(base, {"file": pdf_file("Смета.pdf")}, format="multipart")
    assert added.status_code == 201, added.json()
    assert added.json()["name"] == "Смета.pdf" and len(added.json()["sha256"]) == 64
    read = client.get(f"/api/v1/exchange/offers/{offer.pk}/").json()
    assert read["version"] == 2 and [d["id"] for d in read["documents"]] == [added.json()["id"]]
    assert read["sha256"] == sealed_hashes()[-1]
    bad = client.post(base, {"file": SimpleUploadedFile("a.exe", b"MZ")}, format="multipart")
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
    assert bad.json()["error_codes"] == {"file": ["not_pdf_or_image"]}
    # the buyer neither adds to another's offer nor removes from it: the offer is not theirs
    assert api_as(owner).post(base, {"file": pdf_file()}, format="multipart").status_code == 404
    gone = client.delete(f"{base}{added.json()['id']}/")
    assert gone.status_code == 200
    assert gone.json()["documents"] == [] and gone.json()["version"] == 3
    assert client.delete(f"{base}{added.json()['id']}/").status_code == 404
    offer.refresh_from_db()
    assert offer.sha256 == sealed_hashes()[-1]


def test_after_the_opening_anyone_who_reads_the_offer_can_recompute_its_hash(api_as):
    buyer, owner = a_buyer()
    order = an_order(buyer, owner)
    supplier, editor = a_supplier()
    offer = an_offer(order, supplier, editor, documents=[pdf_file("Смета.pdf")])
    url = f"/api/v1/exchange/offers/{offer.pk}/"
    assert api_as(editor).get(url).json()["nonce"] is None  # the secret stays until the opening
    close(order)
    read = api_as(owner).get(url).json()
    assert read["nonce"] == offer.nonce
    # the hash recomputed from what the buyer reads is the one on the ledger
    offer.refresh_from_db()
    hashes = [d["sha256"] for d in read["documents"]]
    recomputed = offer_hash(offer, offer.lines.all(), hashes)
    assert recomputed == read["sha256"] == sealed_hashes()[-1]
