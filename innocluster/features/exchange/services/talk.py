"""The non-disclosure terms of an order's confidential files, the logged downloads, and the
suppliers' questions with the buyer's public answers."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innocluster.core.audit import audit_record
from innocluster.core.errors import Conflict

from .. import selectors as sel
from ..choices import Status
from ..errors import ExchangeErrorCode as E
from ..models import Download, NdaAcceptance, Question
from .common import locked, refuse


def _supplier_of(order, actor, organization):
    if organization.pk == order.organization_id:
        raise refuse("organization", _("The buyer needs no NDA of its own."), E.OWN_ORDER)
    if not sel.supplying_organizations(user=actor, order=order).filter(pk=organization.pk).exists():
        raise refuse(
            "organization",
            _("The terms are accepted for a supplier that may answer the order."),
            E.NOT_ALLOWED_SUPPLIER,
        )


@transaction.atomic
def nda_accept(*, order, organization, actor) -> NdaAcceptance:
    """`organization` (a supplier `actor` acts for) accepts the order's non-disclosure terms;
    recorded once, with who and when."""
    if order.status == Status.DRAFT:
        raise Conflict(_("The order is not published."), code=E.NOT_A_DRAFT)
    _supplier_of(order, actor, organization)
    existing = NdaAcceptance.objects.filter(order=order, organization=organization).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            nda = NdaAcceptance.objects.create(
                order=order, organization=organization, accepted_by=actor
            )
    except IntegrityError:
        return NdaAcceptance.objects.get(order=order, organization=organization)
    audit_record(
        actor=actor, action="exchange.nda_accepted", target=order, organization=organization
    )
    return nda


def download_record(*, file, user) -> Download:
    """Log a download (the selector has let `user` have the file)."""
    return Download.objects.create(file=file, user=user)


@transaction.atomic
def question_ask(*, order, actor, text: str) -> Question:
    """A supplier's person asks during the questions period (by the server's clock)."""
    order = locked(order)
    if order.status != Status.PUBLISHED or timezone.now() >= order.questions_until:
        raise Conflict(_("The questions period is over."), code=E.QUESTIONS_CLOSED)
    if not sel.supplying_organizations(user=actor, order=order).exists():
        raise refuse(
            "text", _("Questions come from suppliers that may answer."), E.NOT_ALLOWED_SUPPLIER
        )
    if not str(text).strip():
        raise refuse("text", _("Write the question."), "required")
    question = Question(order=order, asked_by=actor, text=text)
    question.full_clean(exclude=["order", "asked_by"])
    question.save()
    return question


@transaction.atomic
def question_answer(*, question, actor, answer: str) -> Question:
    """The buyer answers; the answer is shown to everyone who sees the order, without the
    asker's name."""
    order = locked(question.order)
    if not sel.is_buyer_person(user=actor, order=order):
        raise refuse("answer", _("Only the buyer answers questions."), E.NOT_A_BUYER)
    if not str(answer).strip():
        raise refuse("answer", _("Write the answer."), "required")
    question.answer, question.answered_at = answer, timezone.now()
    question.full_clean(exclude=["order", "asked_by"])
    question.save(update_fields=["answer", "answered_at"])
    audit_record(
        actor=actor, action="exchange.question_answered", target=order,
        organization=order.organization,
    )  # fmt: skip
    return question
