"""A day's figures as published (a snapshot whose hash is on the ledger), and what the fund
enters by hand: the city's average export growth per year and the targets of its KPIs."""

import hashlib

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import Kpi


class Snapshot(models.Model):
    """One day's figures, exactly as published: `body` is the canonical JSON whose SHA-256 the
    ledger holds, so anybody can download it and check it against the proof. Never changed
    after it is written (the service refuses a second snapshot for a day)."""

    day = models.DateField(_("day"), unique=True)
    computed_at = models.DateTimeField(_("computed"))
    body = models.TextField(_("figures (canonical JSON)"), editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    seconds = models.FloatField(_("computed in, s"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("figures snapshot")
        verbose_name_plural = _("figures snapshots")

    def __str__(self):
        return self.day.isoformat()

    @property
    def ledger_subject(self) -> str:
        return f"figures:{self.day.isoformat()}"

    def body_matches(self) -> bool:
        return hashlib.sha256(self.body.encode()).hexdigest() == self.sha256


class ExportGrowth(models.Model):
    """The city's average growth of exports in a year, as the fund enters it (the yardstick of
    the KPI «exports grow faster than the city's average»)."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2019), MaxValueValidator(2100)]
    )
    percent = models.DecimalField(
        _("average export growth, %"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(-100), MaxValueValidator(1000)],
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("city's average export growth")
        verbose_name_plural = _("city's average export growth")

    def __str__(self):
        return f"{self.year}: {self.percent}%"


class KpiTarget(models.Model):
    """The fund's target for one of its KPIs in a year."""

    kpi = models.CharField(
        pgettext_lazy("the fund's KPIs", "KPI"), max_length=32, choices=Kpi.choices
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2019), MaxValueValidator(2100)]
    )
    target = models.DecimalField(
        _("target"), max_digits=18, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["-year", "kpi"]
        verbose_name = _("KPI target")
        verbose_name_plural = _("KPI targets")
        constraints = [models.UniqueConstraint(fields=["kpi", "year"], name="kpi_target_once")]

    def __str__(self):
        return f"{self.get_kpi_display()} {self.year}"
