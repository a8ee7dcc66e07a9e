"""Daily jobs of support measures: report reminders and held tranches (awards/tasks.py)."""

from .awards import tasks  # noqa: F401
