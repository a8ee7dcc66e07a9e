"""Background work of the ledger: the sequencer, which also signs checkpoints."""

from django_tasks import task

from .services import ledger_checkpoint_sign


@task()
def ledger_sign_checkpoint() -> int | None:
    """Sequence every queued fact and sign a checkpoint of the log; returns its tree size, if
    a new one was signed. (The name predates the queue; enqueued tasks refer to it.)"""
    checkpoint = ledger_checkpoint_sign()
    return checkpoint.tree_size if checkpoint else None
