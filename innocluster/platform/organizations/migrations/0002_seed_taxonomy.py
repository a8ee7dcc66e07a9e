from django.db import migrations

from innocluster.platform.organizations.taxonomy import INDUSTRIES, TECHNOLOGIES


def seed(apps, schema_editor):
    for model_name, terms in (("Industry", INDUSTRIES), ("Technology", TECHNOLOGIES)):
        model = apps.get_model("organizations", model_name)
        for slug, name_ru, name_en in terms:
            model.objects.update_or_create(
                slug=slug, defaults={"name_ru": name_ru, "name_en": name_en}
            )


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
