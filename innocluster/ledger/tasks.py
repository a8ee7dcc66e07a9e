"""Background work of the ledger: signing checkpoints in batches."""

from django_tasks import task

from .services import ledger_checkpoint_sign


@task()
def ledger_sign_checkpoint() -> int | None:
    """Sign a checkpoint of everything appended so far; returns its tree size, if any."""
    checkpoint = ledger_checkpoint_sign()
    return checkpoint.tree_size if checkpoint else None
