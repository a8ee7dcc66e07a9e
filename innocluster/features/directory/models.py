"""The search index and saved searches.

The index is kept by the database itself: triggers installed by the migration (`backends/`)
rewrite an organization's entry in the same statement that changes the organization, its
products, its technologies or industries, or a taxonomy term's name, whoever makes the change
(a service, the admin, a bulk load, a raw UPDATE). Nothing in Python has to remember to call it.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from innocluster.platform.organizations.models import Organization


class SearchDocument(models.Model):
    """PostgreSQL's index entry of one organization: a weighted `russian` vector (names A;
    technologies, industries and product names B; descriptions C; product descriptions D),
    and beside it the values the facets and sorts read (type, region, headcount band, ids of
    industries and technologies, TRLs of products, name, creation time: columns added by
    backends/postgres.py, read by engine.py in the same pass as the match).
    The words of names are also kept, for typos, in `directory_nameterm` (pg_trgm).
    Unused on SQLite, whose index is the FTS5 table `directory_fts` with the facet values in
    `directory_facet` (see backends/sqlite.py)."""

    # No database constraint and no ORM cascade: the triggers own these rows, and deleting an
    # organization's products must not re-create the entry of an organization being deleted.
    organization = models.OneToOneField(
        Organization,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="search_document",
    )
    vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")

    def __str__(self):
        return str(self.organization_id)


class FtsMatchField(models.TextField):
    """The hidden column of an FTS5 table, named after the table: `column MATCH 'query'`."""


@FtsMatchField.register_lookup
class FtsMatch(models.Lookup):
    lookup_name = "fts_match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class FtsEntry(models.Model):
    """SQLite's index entry of one organization: a row of the FTS5 virtual table
    `directory_fts` (created by migration 0002, SQLite only), keyed by the organization's id as
    its rowid. Declared so the ORM can join it (and alias it inside subqueries)."""

    organization = models.OneToOneField(
        Organization,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="search_fts",
    )
    document = FtsMatchField(db_column="directory_fts")

    class Meta:
        managed = False
        db_table = "directory_fts"

    def __str__(self):
        return str(self.organization_id)


class SavedSearch(models.Model):
    """A signed-in person's query with its filters, of one of the sources registered with
    saved.py (organizations, vacancies); a daily task tells them of new matches."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    # What is searched: a registered source's code (saved.saved_source_register).
    source = models.CharField(_("what is searched"), max_length=32, default="organizations")
    name = models.CharField(_("name"), max_length=120)
    # The search's address query string (q, facets, sort), exactly as the page and API read it.
    query = models.CharField(_("query"), max_length=2000, blank=True)
    # The daily letter of new matches; stopped by the letter's own link, without signing in.
    email = models.BooleanField(_("e-mail me new matches"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Rows that became new after this moment are new to the person.
    checked_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "source", "query"], name="one_saved_search_per_source_query"
            )
        ]

    def __str__(self):
        return self.name
