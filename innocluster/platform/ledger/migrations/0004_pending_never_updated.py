"""On PostgreSQL, refuse UPDATE of a queued fact in the database, as 0002 does for entries.

The sequencer only inserts into the queue and takes facts off it (DELETE … RETURNING), so an
UPDATE is never legitimate: a fact rewritten between its commit and its sequencing would be
hashed as rewritten. The function is 0002's.
"""

from django.db import migrations


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE TRIGGER ledger_pending_never_updated BEFORE UPDATE ON ledger_pending "
        "FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()"
    )


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP TRIGGER IF EXISTS ledger_pending_never_updated ON ledger_pending")


class Migration(migrations.Migration):
    dependencies = [("ledger", "0003_pending_queue")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
