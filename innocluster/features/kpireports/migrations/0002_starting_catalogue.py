"""The KPI catalogue's starting set (issue 23): the fund's administrators change it later in the
admin site. Units are OKEI codes (796 pieces, 792 persons, 383 roubles, 744 percent)."""

from django.db import migrations

# code, ru, en, unit, validation, required, part_of, definition ru, definition en, method ru, en
STARTING = [
    ("revenue", "Выручка", "Revenue", "383", "money", True, None,
     "Выручка от продажи товаров, работ и услуг за год без НДС и акцизов.",
     "Revenue from the sale of goods, work and services for the year, less VAT and excise.",
     "Строка 2110 отчёта о финансовых результатах.", "Line 2110 of the income statement."),
    ("revenue_innovative", "Выручка от инновационной продукции",
     "Revenue from innovative products", "383", "money", True, "revenue",
     "Часть выручки от продукции, новой или усовершенствованной за последние три года.",
     "The part of revenue from products new or improved within the last three years.",
     "По методике формы федерального статистического наблюдения № 4-инновация.",
     "As the federal statistical form No. 4-innovation counts it."),
    ("headcount", "Численность работников на конец года", "Headcount at year end", "792",
     "whole", True, None,
     "Списочная численность работников на 31 декабря.",
     "Employees on the payroll on 31 December.",
     "Без внешних совместителей и работающих по договорам ГПХ.",
     "Without external part-timers and civil-law contractors."),
    ("jobs_created", "Созданные рабочие места", "Jobs created", "796", "whole", True, None,
     "Новые рабочие места, созданные за год.", "New jobs created during the year.",
     "Платформа подставляет наймы через биржу вакансий; добавьте наймы вне платформы.",
     "The platform fills in hires through its job board; add hires made elsewhere."),
    ("exports", "Экспорт", "Exports", "383", "money", True, None,
     "Выручка от поставок за пределы России за год, в рублях.",
     "Revenue from supplies outside Russia for the year, in roubles.",
     "Валютная выручка пересчитывается по курсу Банка России на дату отгрузки.",
     "Foreign-currency revenue at the Bank of Russia's rate on the day of shipment."),
    ("export_countries", "Страны экспорта", "Export countries", "country", "countries", False,
     None, "Страны, в которые поставлялась продукция за год.",
     "The countries supplied during the year.",
     "Коды стран по ISO 3166 (KZ, BY, CN).", "ISO 3166 country codes (KZ, BY, CN)."),
    ("rnd_spending", "Расходы на НИОКР", "R&D spending", "383", "money", True, None,
     "Затраты на научные исследования и разработки за год.",
     "Spending on research and development for the year.",
     "Собственные и привлечённые средства.", "Own and external funds."),
    ("ip_registered", "Зарегистрированные объекты интеллектуальной собственности",
     "Patents and other IP registered", "796", "whole", True, None,
     "Патенты, свидетельства и другие объекты ИС, зарегистрированные за год.",
     "Patents, certificates and other IP objects registered during the year.",
     "Платформа подставляет объекты, зарегистрированные в её реестре.",
     "The platform fills in the objects registered on its ledger."),
    ("products_to_market", "Продукты, выведенные на рынок", "Products brought to market", "796",
     "whole", True, None,
     "Новые продукты и услуги, впервые проданные за год.",
     "New products and services first sold during the year.", "", ""),
    ("cooperative_projects", "Кооперационные проекты с участниками кластера",
     "Cooperative projects with other participants", "796", "whole", True, None,
     "Проекты с другими участниками кластера, которые шли в течение года.",
     "Projects with other participants of the cluster that ran during the year.",
     "Платформа подставляет совместные проекты кластеров, завершённые пилоты и выигранные "
     "заказы биржи.",
     "The platform fills in joint projects of clusters, pilots finished and orders won on the "
     "exchange."),
    ("investment_attracted", "Привлечённые инвестиции", "Investment attracted", "383", "money",
     True, None, "Инвестиции в капитал и займы инвесторов, полученные за год.",
     "Equity investment and investors' loans received during the year.",
     "Без грантов и субсидий.", "Without grants and subsidies."),
    ("support_received", "Полученная поддержка фонда", "Support received from the fund", "383",
     "money", False, None, "Суммы мер поддержки, назначенные фондом за год.",
     "The amounts of support measures the fund awarded during the year.",
     "Платформа подставляет назначения по мерам поддержки.",
     "The platform fills in the awards of support measures."),
]  # fmt: skip


def add(apps, schema_editor):
    Indicator = apps.get_model("kpireports", "Indicator")
    for position, row in enumerate(STARTING, start=1):
        code, name_ru, name_en, unit, validation, required, part_of, d_ru, d_en, m_ru, m_en = row
        Indicator.objects.update_or_create(
            code=code,
            defaults={
                "name_ru": name_ru,
                "name_en": name_en,
                "unit": unit,
                "validation": validation,
                "required": required,
                "part_of": Indicator.objects.get(code=part_of) if part_of else None,
                "definition_ru": d_ru,
                "definition_en": d_en,
                "methodology_ru": m_ru,
                "methodology_en": m_en,
                "position": position * 10,
            },
        )


def remove(apps, schema_editor):
    apps.get_model("kpireports", "Indicator").objects.filter(
        code__in=[row[0] for row in STARTING]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("kpireports", "0001_reports")]
    operations = [migrations.RunPython(add, remove)]
