"""Registered intellectual property. A registration is a public fact on the ledger, so its
facts are never changed after they are written: there is no update service, and the admin is
read-only. What moves is its state: a registration that names another organization of the
platform as a rightholder waits (PENDING) for that organization's consent, and only the last
confirmation makes it final and puts it on the ledger (see choices.IP_TRANSITIONS)."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innocluster.core.limits import limited_text_field
from innocluster.core.names import validate_name
from innocluster.core.orphans import declare

from .choices import LIVE_STATES, Consent, IPKind, IPState
from .errors import IPRegistryErrorCode
from .rules import SHA256_HEX

validate_sha256 = RegexValidator(
    SHA256_HEX,
    _("Enter a SHA-256 hash: 64 hexadecimal characters."),
    code=IPRegistryErrorCode.BAD_SHA256.value,  # a plain string in migrations
)


def work_file_path(instance, filename):
    # The name is ours, never the uploader's: no path tricks, no guessable names. The original
    # name is kept in `file_name` for the download.
    return f"ip/{uuid.uuid4().hex}"


class IPObjectQuerySet(models.QuerySet):
    def registered(self):
        return self.filter(state=IPState.REGISTERED)

    def with_public_relations(self):
        return self.select_related("organization").prefetch_related(
            models.Prefetch(
                "rightholders", queryset=Rightholder.objects.select_related("organization")
            )
        )


class IPObject(models.Model):
    """An invention, a program, a design… registered by an organization with its work's hash."""

    # PROTECT: the registration stays on the ledger for good, so its record must stay too.
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="ip_objects",
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_name])
    kind = models.CharField(_("kind"), max_length=16, choices=IPKind.choices)
    description = limited_text_field(_("description"), blank=True, max_length=10_000)
    work_sha256 = models.CharField(
        _("SHA-256 of the work"), max_length=64, validators=[validate_sha256], db_index=True
    )
    file = models.FileField(_("file"), upload_to=work_file_path, blank=True, max_length=200)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(
        _("state"), max_length=16, choices=IPState.choices, default=IPState.REGISTERED
    )
    created_at = models.DateTimeField(_("submitted"), default=timezone.now)
    # When it became final and went to the ledger; None while it waits, and for good if it
    # was declined or withdrawn.
    registered_at = models.DateTimeField(_("registered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("declined or withdrawn"), null=True, blank=True)

    objects = IPObjectQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_at", "-id"]
        verbose_name = _("intellectual property object")
        verbose_name_plural = _("intellectual property objects")
        indexes = [
            # The public register: final registrations, newest first.
            models.Index(
                fields=["-registered_at", "-id"],
                name="ip_registered_desc",
                condition=models.Q(state="registered"),
            ),
            # The waiting lists: a few rows each, found by state.
            models.Index(
                fields=["organization", "-created_at"],
                name="ip_pending_by_org",
                condition=models.Q(state="pending"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Exact(Length("work_sha256"), 64), name="ip_sha256_64_chars"
            ),
            # One registration per work and organization: a second one (a double click, a
            # retried request) would be a second permanent ledger entry for the same fact.
            # Another organization may still register the same work; the ledger shows who
            # was first. A declined or withdrawn registration no longer holds the work.
            models.UniqueConstraint(
                fields=["organization", "work_sha256"],
                name="ip_one_registration_per_work",
                condition=models.Q(state__in=[str(state) for state in LIVE_STATES]),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def ledger_subject(self) -> str:
        return f"ip:{self.pk}"

    @property
    def is_registered(self) -> bool:
        return self.state == IPState.REGISTERED


class Rightholder(models.Model):
    ip_object = models.ForeignKey(IPObject, on_delete=models.CASCADE, related_name="rightholders")
    name = models.CharField(_("name"), max_length=300, validators=[validate_name])
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization on the platform"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    share = models.DecimalField(
        _("share, %"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    consent = models.CharField(
        _("consent"), max_length=16, choices=Consent.choices, default=Consent.NOT_ASKED
    )
    consent_at = models.DateTimeField(_("answered"), null=True, blank=True)
    consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decline_reason = limited_text_field(_("reason for declining"), blank=True, max_length=2000)

    class Meta:
        ordering = ["id"]
        verbose_name = _("rightholder")
        verbose_name_plural = _("rightholders")
        constraints = [
            models.UniqueConstraint(fields=["ip_object", "name"], name="one_name_per_ip_object"),
            models.CheckConstraint(
                condition=models.Q(share__gt=0, share__lte=100), name="rightholder_share_0_100"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.share}%)"


# Works kept on the platform go to ip/ (work_file_path), which holds nothing else.
ORPHAN_FILES = declare("ipregistry", folders=("ip",), fields=("ipregistry.IPObject.file",))
