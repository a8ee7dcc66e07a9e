"""The catalogue's starting measures: the real ones the fund runs (../shared/PRODUCT.md).

Calls (application windows) are not seeded: administrators open them each year."""

from decimal import Decimal

from django.db import migrations

D = Decimal
FUND = "Московский инновационный кластер (Фонд «Инновационный кластер»)"

MEASURES = [
    {
        "code": "equipment-purchase",
        "title_ru": "Компенсация затрат на покупку или лизинг оборудования",
        "title_en": "Equipment purchase or leasing: part of the cost back",
        "summary_ru": "Город возвращает 50% стоимости отечественного и 35% стоимости импортного "
        "оборудования, купленного или взятого в лизинг, не более 30 млн рублей в год.",
        "summary_en": "The city pays back 50% of the cost of domestic and 35% of imported "
        "equipment, bought or leased, up to 30 million RUB per company per year.",
        "level": "city",
        "cap_per_company_year": D("30000000.00"),
        "rules": [
            ("equipment", "domestic", "share", D("50"), None),
            ("equipment", "imported", "share", D("35"), None),
            ("leasing", "domestic", "share", D("50"), None),
            ("leasing", "imported", "share", D("35"), None),
        ],
        "documents": [
            ("Договор поставки или лизинга", "Supply or leasing contract"),
            ("Платёжные документы", "Payment documents"),
        ],
        "criteria": [
            ("Экономический эффект", "Economic effect", 3),
            ("Новые рабочие места", "New jobs", 2),
            ("Доля отечественного оборудования", "Share of domestic equipment", 1),
        ],
    },
    {
        "code": "loan-interest",
        "title_ru": "Возмещение процентов по кредитам на расширение производства",
        "title_en": "Interest on loans for expanding production",
        "summary_ru": "Возмещение уплаченных процентов по кредитам на расширение производства, "
        "до 10 млн рублей.",
        "summary_en": "Interest paid on loans for expanding production, back up to 10 million "
        "RUB.",
        "level": "city",
        "cap_per_application": D("10000000.00"),
        "org_types": ["manufacturer"],
        "rules": [("loan_interest", "any", "share", D("100"), None)],
        "documents": [
            ("Кредитный договор", "Loan agreement"),
            ("Справка банка об уплаченных процентах", "Bank statement of interest paid"),
        ],
        "criteria": [("Рост выпуска продукции", "Growth of output", 1)],
    },
    {
        "code": "patents",
        "title_ru": "Компенсация затрат на патентование",
        "title_en": "Patenting costs",
        "summary_ru": "До 75 000 рублей за российский патент (можно подавать несколько заявок) "
        "и до 2 млн рублей за зарубежный.",
        "summary_en": "Up to 75,000 RUB per Russian patent (several applications allowed) and "
        "up to 2 million RUB per foreign one.",
        "level": "city",
        "rules": [
            ("patent_ru", "any", "fixed", None, D("75000.00")),
            ("patent_foreign", "any", "fixed", None, D("2000000.00")),
        ],
        "documents": [("Патент или решение о выдаче патента", "Patent or the decision to grant")],
        "criteria": [("Коммерческий потенциал", "Commercial potential", 1)],
    },
    {
        "code": "pilot-testing",
        "title_ru": "Грант на пилотное тестирование продукта",
        "title_en": "Grant for pilot testing of a product",
        "summary_ru": "До 2 млн рублей на одно тестирование решения на площадке города.",
        "summary_en": "Up to 2 million RUB per test of a solution at a city site.",
        "level": "city",
        "rules": [("pilot_test", "any", "fixed", None, D("2000000.00"))],
        "documents": [("Соглашение с площадкой о тестировании", "Agreement with the test site")],
        "criteria": [
            ("Готовность продукта", "Product readiness", 2),
            ("Польза для города", "Benefit for the city", 3),
        ],
    },
    {
        "code": "business-angels",
        "title_ru": "Поддержка бизнес-ангелов",
        "title_en": "Support for business angels",
        "summary_ru": "Возмещение до 50% инвестиций в компанию из реестра стартапов и "
        "высокотехнологичных компаний, не более 10 млн рублей.",
        "summary_en": "Up to 50% of an investment in a company on the register of startups and "
        "high-tech companies back, at most 10 million RUB.",
        "level": "city",
        "required_status": "none",
        "cap_per_application": D("10000000.00"),
        "rules": [("investment", "any", "share", D("50"), None)],
        "documents": [
            ("Инвестиционный договор", "Investment agreement"),
            ("Подтверждение перечисления средств", "Proof of the transfer"),
        ],
        "criteria": [("Качество проекта", "Quality of the project", 1)],
    },
    {
        "code": "import-substitution",
        "title_ru": "Субсидия на импортозамещающее производство",
        "title_en": "Subsidy for import-substituting production",
        "summary_ru": "Выплачивается три года: 25% авансом, остальное ежегодно по фактическим "
        "затратам. Покрывает 50% затрат на недвижимость и подключение к сетям, права на "
        "интеллектуальную собственность, оборудование и программы и 25% затрат на зарплаты.",
        "summary_en": "Paid over three years: 25% in advance, the rest each year against actual "
        "costs. Covers 50% of real estate and utility connection, IP rights, equipment and "
        "software, and 25% of salaries.",
        "level": "city",
        "advance_percent": D("25"),
        "yearly_tranches": 3,
        "review_business_days": 15,
        "rules": [
            ("real_estate", "any", "share", D("50"), None),
            ("ip_rights", "any", "share", D("50"), None),
            ("equipment", "any", "share", D("50"), None),
            ("software", "any", "share", D("50"), None),
            ("salaries", "any", "share", D("25"), None),
        ],
        "documents": [
            ("Бизнес-план производства", "Business plan of the production"),
            ("Смета затрат", "Cost estimate"),
        ],
        "criteria": [
            ("Уровень локализации", "Localization", 3),
            ("Объём импортозамещения", "Volume of import substitution", 3),
            ("Новые рабочие места", "New jobs", 1),
        ],
    },
]


def seed(apps, schema_editor):
    Measure = apps.get_model("support", "Measure")
    for data in MEASURES:
        data = dict(data)
        rules, documents, criteria = data.pop("rules"), data.pop("documents"), data.pop("criteria")
        measure = Measure.objects.create(provider=FUND, **data)
        for category, origin, mode, percent, fixed in rules:
            measure.cost_rules.create(
                category=category, origin=origin, mode=mode, percent=percent, fixed_amount=fixed
            )
        for title_ru, title_en in documents:
            measure.required_documents.create(title_ru=title_ru, title_en=title_en)
        for title_ru, title_en, weight in criteria:
            measure.criteria.create(title_ru=title_ru, title_en=title_en, weight=weight)


def unseed(apps, schema_editor):
    codes = [data["code"] for data in MEASURES]
    apps.get_model("support", "Measure").objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
