"""The job search's words from an index (platform/search/wordindex.py): an FTS5 table kept by
triggers on SQLite, a trigram GIN index on PostgreSQL."""

from django.db import migrations

TABLE, COLUMN = "jobs_vacancy", "search_text"


def install(apps, schema_editor):
    from innocluster.platform.search import wordindex

    wordindex.install(schema_editor, TABLE, COLUMN)


def uninstall(apps, schema_editor):
    from innocluster.platform.search import wordindex

    wordindex.uninstall(schema_editor, TABLE, COLUMN)


class Migration(migrations.Migration):
    dependencies = [("jobs", "0007_facet_indexes")]

    operations = [migrations.RunPython(install, uninstall)]
