from django.db import connection, transaction

from innocluster.platform.ledger.models import Entry
from innocluster.platform.ledger.services import ledger_append

APPEND_ONLY_TABLES = ("ledger_entry", "ledger_node", "ledger_checkpoint")


def append_many(count: int, *, start: int = 0, kind: str = "review.decision") -> list[Entry]:
    """`count` facts, each appended in its own transaction as services would, and their
    entries (the tests' immediate task backend sequences at once)."""
    for number in range(start, start + count):
        with transaction.atomic():
            payload = {"decision": "approved", "number": number}
            ledger_append(kind=kind, subject=f"application:{number}", payload=payload)
    subjects = [f"application:{number}" for number in range(start, start + count)]
    return list(Entry.objects.filter(subject__in=subjects).order_by("index"))


def tamper(sql: str, params: list) -> None:
    """Change the ledger's tables by hand, as an insider with database superuser rights would.

    On PostgreSQL that means first disabling the append-only triggers (inside the test's
    transaction, so they come back when it rolls back).
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in APPEND_ONLY_TABLES:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {table}_append_only")
        cursor.execute(sql, params)


def rewrite_entry(index: int, data: str, *, leaf: bytes | None = None) -> None:
    """Rewrite an entry's text (and, if given, its recorded leaf hash) behind the ledger's back."""
    if leaf is None:
        tamper('UPDATE ledger_entry SET data = %s WHERE "index" = %s', [data, index])
    else:
        tamper(
            'UPDATE ledger_entry SET data = %s, leaf_hash = %s WHERE "index" = %s',
            [data, leaf, index],
        )
