"""The worker's console says one line per task: its end, not its start."""

import logging

from django_tasks.base import TaskResultStatus

from innocluster.core.logging import TaskFinishedOnly

MESSAGE = "Task id=%s path=%s state=%s"


def record(state: str) -> logging.LogRecord:
    return logging.LogRecord("django_tasks", logging.INFO, __file__, 1, MESSAGE,
                             ("42", "x.y", state), None)  # fmt: skip


def test_a_task_start_is_left_out_and_its_end_kept():
    only = TaskFinishedOnly()
    assert not only.filter(record("RUNNING")) and not only.filter(record(TaskResultStatus.RUNNING))
    assert only.filter(record("SUCCESSFUL")) and only.filter(record("FAILED"))


def test_other_lines_pass():
    line = logging.LogRecord("django", logging.INFO, __file__, 1, "Starting worker", (), None)
    assert TaskFinishedOnly().filter(line)
