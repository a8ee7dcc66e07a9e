"""Never a double booking of a single unit, guaranteed by PostgreSQL itself.

An exclusion constraint (btree_gist for the `=` on the resource id, a GiST index on the
half-open tstzrange of the slot) refuses a second row that holds an overlapping slot of the
same resource, however many transactions race. SQLite has no such constraint: there the engine
runs its overlap check inside an immediate transaction, which holds the database's write lock
(see services/engine.py). The constraint is not declared on the model, so Django never tries
to check it itself (full_clean) on a database that cannot.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

CONSTRAINT = "facilities_booking_no_overlap"
ADD = f"""
ALTER TABLE facilities_booking ADD CONSTRAINT {CONSTRAINT}
EXCLUDE USING gist (resource_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
WHERE (exclusive AND status IN ('pending', 'confirmed'))
"""
DROP = f"ALTER TABLE facilities_booking DROP CONSTRAINT IF EXISTS {CONSTRAINT}"


def _on_postgres(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("facilities", "0001_initial")]

    operations = [
        BtreeGistExtension(),  # a no-op on other databases
        migrations.RunPython(_on_postgres(ADD), _on_postgres(DROP), elidable=False),
    ]
