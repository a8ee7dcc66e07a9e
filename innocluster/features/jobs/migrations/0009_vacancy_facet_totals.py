"""The bare job search's counts kept by the writes (core/facettotals.py): a table of totals and
the triggers that keep it, with every published vacancy counted."""

from django.db import migrations

from innocluster.core.facettotals import FacetTotals

# The facets' columns as jobs/models.FACETS names them at this migration.
TOTALS = FacetTotals(
    table="jobs_vacancy",
    columns=(
        "role_id",
        "industry_id",
        "organization_id",
        "district",
        "metro_id",
        "work_format",
        "employment_type",
        "schedule",
        "experience",
        "salary_band",
    ),
    status=("status", "published"),
    until="expires_at",
)


def install(apps, schema_editor):
    TOTALS.install(schema_editor)


def uninstall(apps, schema_editor):
    TOTALS.uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("jobs", "0008_vacancy_word_index")]

    operations = [migrations.RunPython(install, uninstall)]
