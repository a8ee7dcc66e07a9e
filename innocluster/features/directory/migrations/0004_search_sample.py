"""PostgreSQL: the search index's sample (`directory_searchsample`, written by the same
triggers) and the btrees a broad search walks (engine.py); filled from the existing entries.
SQLite: nothing changes (install_sql is idempotent)."""

from django.db import migrations


def install(apps, schema_editor):
    from innocluster.features.directory.backends import install_sql

    for statement in install_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


def fill_sample(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from innocluster.features.directory.backends.postgres import SAMPLE_REFRESH

    for statement in SAMPLE_REFRESH:
        schema_editor.execute(statement.format(ids="IS NOT NULL"), params=None)
    schema_editor.execute("ANALYZE directory_searchsample", params=None)


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_facets_in_the_index")]

    operations = [
        migrations.RunPython(install, migrations.RunPython.noop),
        migrations.RunPython(fill_sample, migrations.RunPython.noop),
    ]
