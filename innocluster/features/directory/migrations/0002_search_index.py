"""The search index's database objects, for the database in use (see directory/backends)."""

from django.db import migrations


def install(apps, schema_editor):
    from innocluster.features.directory.backends import install_sql

    for statement in install_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


def uninstall(apps, schema_editor):
    from innocluster.features.directory.backends import uninstall_sql

    for statement in uninstall_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


def index_existing(apps, schema_editor):
    from innocluster.features.directory.services import search_index_rebuild

    search_index_rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
        ("organizations", "0003_invitation_expired"),
    ]

    operations = [
        migrations.RunPython(install, uninstall),
        migrations.RunPython(index_existing, migrations.RunPython.noop),
    ]
