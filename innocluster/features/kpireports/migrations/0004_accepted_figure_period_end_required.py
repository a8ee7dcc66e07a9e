from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("kpireports", "0003_accepted_figure_period_end")]

    operations = [
        migrations.AlterField(
            model_name="acceptedfigure",
            name="period_end",
            field=models.DateField(),
        ),
        migrations.AddIndex(
            model_name="acceptedfigure",
            index=models.Index(
                fields=["indicator_code", "period_end"], name="kpi_figure_by_period"
            ),
        ),
    ]
