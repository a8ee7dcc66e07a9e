"""The index keeps each organization's facet values beside its text (engine.py): PostgreSQL in
columns of directory_searchdocument, SQLite in directory_facet; the triggers write them too."""

from django.db import migrations


def install(apps, schema_editor):
    from innocluster.features.directory.backends import install_sql

    for statement in install_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


def index_existing(apps, schema_editor):
    from innocluster.features.directory.services import search_index_rebuild

    search_index_rebuild()


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_search_index")]

    operations = [
        migrations.RunPython(install, migrations.RunPython.noop),
        migrations.RunPython(index_existing, migrations.RunPython.noop),
    ]
