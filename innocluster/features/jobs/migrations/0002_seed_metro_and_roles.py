"""Seed Moscow's metro lines and stations (_stations.py) and the first professional roles
(fund administrators keep the list afterwards)."""

from decimal import Decimal

from django.db import migrations

from ._stations import LINES, STATIONS

ROLES = [
    ("developer", "Программист, разработчик", "Software developer"),
    ("data-scientist", "Аналитик данных, data scientist", "Data scientist"),
    ("devops", "DevOps-инженер, системный администратор", "DevOps engineer"),
    ("tester", "Тестировщик", "QA engineer"),
    ("product-manager", "Менеджер продукта", "Product manager"),
    ("project-manager", "Руководитель проектов", "Project manager"),
    ("designer", "Дизайнер", "Designer"),
    ("engineer", "Инженер-конструктор", "Design engineer"),
    ("technologist", "Инженер-технолог", "Process engineer"),
    ("electronics", "Инженер-электроник", "Electronics engineer"),
    ("researcher", "Научный сотрудник", "Researcher"),
    ("lab-assistant", "Лаборант", "Laboratory assistant"),
    ("operator", "Оператор станков с ЧПУ", "CNC operator"),
    ("sales", "Менеджер по продажам", "Sales manager"),
    ("marketing", "Маркетолог", "Marketing specialist"),
    ("accountant", "Бухгалтер", "Accountant"),
    ("lawyer", "Юрист", "Lawyer"),
    ("hr", "Менеджер по персоналу", "HR manager"),
    ("analyst", "Бизнес-аналитик", "Business analyst"),
    ("other", "Другое", "Other"),
]


def seed(apps, schema_editor):
    Line = apps.get_model("jobs", "MetroLine")
    Station = apps.get_model("jobs", "MetroStation")
    Role = apps.get_model("jobs", "ProfessionalRole")
    lines = {
        number: Line.objects.create(number=number, name_ru=ru, name_en=en, colour=colour)
        for number, ru, en, colour in LINES
    }
    Station.objects.bulk_create(
        Station(
            line=lines[number],
            name_ru=ru,
            name_en=en,
            latitude=Decimal(f"{lat:.6f}"),
            longitude=Decimal(f"{lng:.6f}"),
        )
        for number, stations in STATIONS.items()
        for ru, en, lat, lng in stations
    )
    Role.objects.bulk_create(Role(slug=s, name_ru=ru, name_en=en) for s, ru, en in ROLES)


def unseed(apps, schema_editor):
    apps.get_model("jobs", "MetroStation").objects.all().delete()
    apps.get_model("jobs", "MetroLine").objects.all().delete()
    apps.get_model("jobs", "ProfessionalRole").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
