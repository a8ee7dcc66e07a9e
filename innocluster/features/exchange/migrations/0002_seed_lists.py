"""Seeds the managed lists (lists.py) with the historical models."""

from django.db import migrations


def seed(apps, schema_editor):
    from innocluster.features.exchange.lists import seed as write

    write(apps.get_model("exchange", "Unit"), apps.get_model("exchange", "Category"))


class Migration(migrations.Migration):
    dependencies = [("exchange", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
