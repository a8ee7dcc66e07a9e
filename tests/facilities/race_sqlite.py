"""Run the races of race.py on a SQLite database file of their own; print the results as JSON.

python -m tests.facilities.race_sqlite /tmp/somewhere
"""

import json
import os
import sys
from pathlib import Path


def main(workdir: str) -> None:
    os.environ["INNOCLUSTER_VAR_DIR"] = workdir
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(workdir) / 'race.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "innocluster.site.settings"
    os.environ["TASKS_BACKEND"] = "database"  # letters wait in the queue: no worker here
    os.environ["LOG_LEVEL"] = "WARNING"
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    from django.utils import translation

    from .race import SCENARIOS

    with translation.override("en"):
        results = {name: scenario() for name, scenario in SCENARIOS.items()}
    print("RACE " + json.dumps(results, default=str))


if __name__ == "__main__":
    main(sys.argv[1])
