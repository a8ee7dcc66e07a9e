"""An accepted figure's reporting period's end (31 December of its year): its date on the
public figures' time series. Added empty, filled from the year, then required (0004), each
step in its own transaction."""

import datetime

from django.db import migrations, models


def fill(apps, schema_editor):
    AcceptedFigure = apps.get_model("kpireports", "AcceptedFigure")
    years = AcceptedFigure.objects.order_by().values_list("year", flat=True).distinct()
    for year in list(years):
        AcceptedFigure.objects.filter(year=year, period_end__isnull=True).update(
            period_end=datetime.date(year, 12, 31)
        )


class Migration(migrations.Migration):
    dependencies = [("kpireports", "0002_starting_catalogue")]

    operations = [
        migrations.AddField(
            model_name="acceptedfigure",
            name="period_end",
            field=models.DateField(null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
