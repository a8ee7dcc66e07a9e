"""Daily jobs of support measures: report reminders and held tranches (awards/tasks.py). Files no
row names are deleted by core's daily task, as models.ORPHAN_FILES declares (the application
documents as the review kit declares)."""

from .awards import tasks  # noqa: F401
