"""Logging filters: what an operator reads in the console of `innocluster serve`."""

import logging


class TaskFinishedOnly(logging.Filter):
    """The task framework logs a task twice, when it starts and when it finishes: keep the
    finish (with its state, and a failure's traceback), so the worker says one line per task."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (
            record.msg == "Task id=%s path=%s state=%s"
            and len(record.args or ()) == 3
            and str(getattr(record.args[2], "value", record.args[2])) == "RUNNING"
        )
