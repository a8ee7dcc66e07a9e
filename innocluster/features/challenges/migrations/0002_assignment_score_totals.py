"""Each assignment's totals of its scores, kept beside it for the evaluation board (issue 20;
models.Assignment), filled here from the scores already given."""

from django.db import migrations, models
from django.db.models import Count, F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce


def fill_totals(apps, schema_editor):
    # The historical models have no AssignmentQuerySet: its refresh_totals, written out.
    Assignment = apps.get_model("challenges", "Assignment")
    Score = apps.get_model("challenges", "Score")
    scores = Score.objects.filter(assignment=OuterRef("pk")).order_by().values("assignment")
    weighted = scores.annotate(total=Sum(F("score") * F("criterion__weight"))).values("total")
    given = scores.annotate(count=Count("pk")).values("count")
    Assignment.objects.update(
        weighted_sum=Coalesce(Subquery(weighted), 0), scores_given=Coalesce(Subquery(given), 0)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("challenges", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="assignment",
            name="scores_given",
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="assignment",
            name="weighted_sum",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(fill_totals, migrations.RunPython.noop),
    ]
