"""Sealed offers: submitted, changed or withdrawn until the deadline, each version's hash on
the ledger; their documents, sealed with them."""

import hashlib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innocluster.core.audit import audit_record
from innocluster.core.errors import Conflict
from innocluster.core.files import files_deleted_on_rollback
from innocluster.core.filters import id_or_none
from innocluster.core.uploads import sha256_of, validate_pdf_or_image
from innocluster.platform.ledger.encoding import canonical_json
from innocluster.platform.ledger.services import ledger_append

from .. import notifications
from .. import selectors as sel
from ..choices import CURRENCY, MAX_OFFER_DOCUMENTS, VAT_RATES, OfferStatus, Status
from ..errors import ExchangeErrorCode as E
from ..models import Offer, OfferDocument, OfferLine
from .common import SEALED_OFFERS_SUBJECT, locked, refuse


def offer_content(offer, lines, documents=()) -> dict:
    """What an offer's hash covers: everything the supplier offered, its version and a secret
    nonce (shown after the opening), so that anyone can recompute it then and nobody can
    guess a price from it before. `documents`: the SHA-256 of each of its documents' bytes
    (or the documents), under "documents" in sorted order; an offer with none has no such
    key, so the hashes of offers made before documents existed still check."""
    content = {
        "order": offer.order_id,
        "supplier": offer.organization_id,
        "version": offer.version,
        "currency": offer.currency,
        "lead_time_days": offer.lead_time_days,
        "comment": offer.comment,
        "lines": [
            {"item": line.item_id, "price": f"{line.price:.2f}", "vat_rate": f"{line.vat_rate:.1f}"}
            for line in sorted(lines, key=lambda line: line.item_id)
        ],
        "nonce": offer.nonce,
    }
    hashes = sorted(getattr(document, "sha256", document) for document in documents)
    if hashes:
        content["documents"] = hashes
    return content


def offer_hash(offer, lines, documents=()) -> str:
    content = offer_content(offer, lines, documents)
    return hashlib.sha256(canonical_json(content).encode()).hexdigest()


def _check_open(order) -> None:
    if order.status != Status.PUBLISHED or timezone.now() >= order.offers_until:
        raise Conflict(_("Offers on this order are closed."), code=E.OFFERS_CLOSED)


def _check_supplier(order, organization, actor) -> None:
    if organization.pk == order.organization_id:
        raise refuse(
            "organization", _("A supplier cannot offer on its own organization's order."),
            E.OWN_ORDER,
        )  # fmt: skip
    if not sel.supplying_organizations(user=actor, order=order).filter(pk=organization.pk).exists():
        raise refuse(
            "organization",
            _(
                "Offers come from an owner or editor of a participant or partner of the "
                "cluster, or of an invited supplier."
            ),
            E.NOT_ALLOWED_SUPPLIER,
        )


def _lines(order, lines: list[dict]) -> list[OfferLine]:
    items = {item.pk: item for item in order.items.all()}
    given = [line.get("item") for line in lines]
    given = [getattr(item, "pk", item) for item in given]
    if sorted(given, key=str) != sorted(items, key=str):
        raise refuse("lines", _("Give one price for each item of the order."), E.ITEMS_MISMATCH)
    rows = []
    for line, item_id in zip(lines, given, strict=True):
        price, vat = _decimal(line.get("price")), _decimal(line.get("vat_rate"))
        if price is None or price < 0:
            raise refuse("lines", _("A price is zero or more roubles."), E.NEGATIVE_PRICE)
        if vat not in VAT_RATES:
            raise refuse("lines", _("The VAT rate is 0, 10 or 20 %."), E.BAD_VAT_RATE)
        rows.append(
            OfferLine(item=items[item_id], price=price.quantize(Decimal("0.01")), vat_rate=vat)
        )
    return rows


def _decimal(value) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return number if number.is_finite() and abs(number) < Decimal("1e12") else None


def offer_submit(
    *, order, organization, actor, lead_time_days: int, lines: list[dict], comment: str = "",
    currency: str = CURRENCY, documents=(), remove_documents=(),
) -> Offer:  # fmt: skip
    """Submit `organization`'s offer on `order`, or change the one it has (an offer per
    supplier: a second submission is a change). Refused at the deadline or after it by the
    server's clock, checked under the order's lock; in another currency than roubles; with a
    negative price; on the supplier's own order. `documents`: uploads to add (each a PDF or a
    picture, checked by its content); `remove_documents`: ids of the offer's documents to
    take out. The new version's SHA-256 (over its documents' too) goes on the ledger in the
    same transaction; a refusal writes nothing, no file either."""
    added = _checked_documents(documents, "documents")  # before the lock: the PDF check is slow
    with files_deleted_on_rollback() as written, transaction.atomic():
        order = locked(order)
        _check_open(order)
        _check_supplier(order, organization, actor)
        if currency != CURRENCY:
            raise refuse("currency", _("Offers are in roubles (RUB) only."), E.WRONG_CURRENCY)
        rows = _lines(order, lines)
        offer = Offer.objects.filter(order=order, organization=organization).first()
        changed = offer is not None
        if offer is None:
            offer = Offer(order=order, organization=organization, version=0)
        kept, removed = _documents_after(offer, added, remove_documents, "documents")
        offer.version += 1
        offer.status, offer.submitted_by = OfferStatus.SUBMITTED, actor
        offer.lead_time_days, offer.comment, offer.currency = lead_time_days, comment, currency
        offer.full_clean(exclude=["order", "organization", "submitted_by", "sha256"])
        for row in rows:
            row.offer = offer
        offer.sha256 = offer_hash(offer, rows, [*kept, *added])
        try:
            with transaction.atomic():
                offer.save()
        except IntegrityError:  # the order's lock makes this unreachable; the constraint stays
            raise Conflict(_("This supplier has already offered."), code=E.OFFERS_CLOSED) from None
        offer.lines.all().delete()
        OfferLine.objects.bulk_create(rows)
        _store_documents(offer, added, removed, written)
        _sealed(offer, actor, changed=changed)
        return offer


def _sealed(offer, actor, *, changed: bool) -> None:
    """The offer's new version is saved: its hash goes on the ledger, the trail and the
    supplier's people are told."""
    ledger_append(
        kind="exchange.offer_sealed", subject=SEALED_OFFERS_SUBJECT,
        payload={"offer_sha256": offer.sha256, "version": offer.version},
    )  # fmt: skip
    action = "exchange.offer_changed" if changed else "exchange.offer_submitted"
    audit_record(actor=actor, action=action, target=offer, organization=offer.organization)
    notifications.offer_sealed(offer)


# --- Documents ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Checked:
    """An upload that passed the check: the name to keep, the SHA-256 of its bytes."""

    upload: object
    name: str
    sha256: str


def _checked_documents(uploads, field: str) -> list[_Checked]:
    uploads = [upload for upload in uploads or () if upload]
    if len(uploads) > MAX_OFFER_DOCUMENTS:
        raise _too_many(field)
    checked = []
    for upload in uploads:
        try:
            name = validate_pdf_or_image(upload, max_bytes=settings.DOCUMENT_MAX_BYTES)
        except ValidationError as error:
            raise ValidationError({field: error}) from None
        checked.append(_Checked(upload, name[:200], sha256_of(upload)))
    return checked


def _too_many(field: str) -> ValidationError:
    return refuse(
        field, _("An offer has at most %(max)d documents.") % {"max": MAX_OFFER_DOCUMENTS},
        E.TOO_MANY_DOCUMENTS,
    )  # fmt: skip


def _documents_after(offer, added, remove_ids, field: str) -> tuple[list, list]:
    """(the offer's documents kept, those removed): `remove_ids` must be its own."""
    current = list(offer.documents.all()) if offer.pk else []
    remove_ids = {id_or_none(getattr(pk, "pk", pk)) for pk in remove_ids or ()}
    if remove_ids - {document.pk for document in current}:
        raise refuse(
            "remove_documents", _("This is not a document of the offer."), E.UNKNOWN_DOCUMENT
        )
    kept = [document for document in current if document.pk not in remove_ids]
    if len(kept) + len(added) > MAX_OFFER_DOCUMENTS:
        raise _too_many(field)
    return kept, [document for document in current if document.pk in remove_ids]


def _store_documents(offer, added, removed, written) -> list[OfferDocument]:
    """Write the new documents' files and rows; the removed ones' files go on commit."""
    for document in removed:
        storage, name = document.file.storage, document.file.name
        document.delete()
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    stored = []
    for checked in added:
        document = OfferDocument(
            offer=offer, name=checked.name, sha256=checked.sha256, size=checked.upload.size
        )
        written.save(document.file, checked.name, checked.upload)
        document.save()
        stored.append(document)
    return stored


def _own_open_offer(offer, actor) -> Offer:
    """`offer` under its order's lock, to be changed by `actor` (an owner or editor of its
    supplier) while offers are accepted; not a withdrawn one."""
    order = locked(offer.order)
    _check_open(order)
    offer = Offer.objects.select_for_update().select_related("organization").get(pk=offer.pk)
    if offer.organization_id not in sel.organization_ids_of(actor, sel.ACTING):
        raise refuse("offer", _("Only the supplier changes its offer."), E.NOT_ALLOWED_SUPPLIER)
    if offer.status == OfferStatus.WITHDRAWN:
        raise Conflict(_("The offer is withdrawn."), code=E.OFFER_WITHDRAWN)
    offer.order = order
    return offer


def _resealed(offer, actor, documents) -> None:
    """A new version of `offer` (its lines unchanged) with `documents`, on the ledger."""
    offer.version += 1
    offer.submitted_by = actor
    offer.sha256 = offer_hash(offer, list(offer.lines.all()), documents)
    offer.save(update_fields=["version", "submitted_by", "sha256", "updated_at"])


def offer_document_add(*, offer, actor, upload) -> OfferDocument:
    """Add a document (a PDF or a picture, checked by its content) to the supplier's offer
    until the deadline: a new version of the offer, whose hash, over the document's bytes
    too, goes on the ledger."""
    added = _checked_documents([upload], "file")
    if not added:
        raise refuse("file", _("Choose a file."), "required")
    with files_deleted_on_rollback() as written, transaction.atomic():
        offer = _own_open_offer(offer, actor)
        kept, _removed = _documents_after(offer, added, (), "file")
        _resealed(offer, actor, [*kept, *added])
        (document,) = _store_documents(offer, added, [], written)
        _sealed(offer, actor, changed=True)
        return document


@transaction.atomic
def offer_document_delete(*, document, actor) -> Offer:
    """Take a document out of the supplier's offer until the deadline: a new version, on the
    ledger; the file goes when this commits."""
    offer = _own_open_offer(document.offer, actor)
    kept, removed = _documents_after(offer, [], [document.pk], "file")
    _resealed(offer, actor, kept)
    _store_documents(offer, [], removed, None)
    _sealed(offer, actor, changed=True)
    return offer


@transaction.atomic
def offer_withdraw(*, offer, actor) -> Offer:
    """Withdraw an offer until the deadline; it is then never awarded."""
    order = locked(offer.order)
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    _check_open(order)
    if offer.organization_id not in sel.organization_ids_of(actor, sel.ACTING):
        raise refuse("offer", _("Only the supplier withdraws its offer."), E.NOT_ALLOWED_SUPPLIER)
    if offer.status == OfferStatus.WITHDRAWN:
        raise Conflict(_("The offer is already withdrawn."), code=E.OFFER_WITHDRAWN)
    offer.status = OfferStatus.WITHDRAWN
    offer.save(update_fields=["status", "updated_at"])
    ledger_append(
        kind="exchange.offer_withdrawn", subject=SEALED_OFFERS_SUBJECT,
        payload={"offer_sha256": offer.sha256},
    )  # fmt: skip
    audit_record(
        actor=actor, action="exchange.offer_withdrawn", target=offer,
        organization=offer.organization,
    )  # fmt: skip
    return offer
