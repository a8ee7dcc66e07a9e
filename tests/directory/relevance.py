"""The directory's relevance set: queries a person types, each with the organizations that
must be among its first 10 results, on fixed demo data (the demo generator with seed 1) with
a few organizations written by hand beside them ("anchors": each the answer a person
expects to one kind of query, among thousands of generated ones that share its words).

benchmarks/relevance.py prints recall@10 and MRR over it; tests/directory/test_relevance.py
checks every query's must-haves on both backends. Each query names the case of issue 16
it stands for:

- `script`: «3д» typed in the Cyrillic layout is «3D»; «ИИ» is «AI» (text.other_script,
  text.EQUIVALENTS)
- `partial`: no organization holds every word: the best partial matches
- `root`: words of one root reach each other («робототехника», «робототехнические»)
- `proximity`: every word, close together, above some words or the words apart; names
  above descriptions
- `example`: an example a page of the platform shows
- `plain`: an ordinary query in either language
"""

from dataclasses import dataclass, field

SEED = 1
TOP = 10


@dataclass(frozen=True)
class Anchor:
    short_name: str
    description_ru: str
    description_en: str = ""
    technologies: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    products: tuple[tuple[str, int], ...] = ()
    org_type: str = "startup"
    region: str = "77"


ANCHORS = [
    Anchor(
        "Металлпринт",
        "3D-печать металлом: металлические детали из титана и нержавеющей стали по чертежам "
        "заказчика, от одной штуки.",
        "Metal 3D printing: titanium and stainless steel parts to the customer's drawings.",
        technologies=("3d-printing",),
        industries=("manufacturing", "aerospace"),
        products=(("Печать деталей из титана", 9),),
        org_type="manufacturer",
    ),
    Anchor(
        "Студия 3D-печати «Слой»",
        "Печатаем прототипы и макеты из пластика на FDM- и SLA-принтерах за сутки.",
        technologies=("3d-printing",),
        industries=("creative",),
    ),
    Anchor(
        "Манипуляторика",
        "Проектируем манипуляторы и захваты для складов и сборочных линий.",
        industries=("transport",),
        products=(("Манипулятор для паллет", 7),),
        org_type="manufacturer",
    ),
    Anchor(
        "Зоркий глаз",
        "Компьютерное зрение для розничной торговли: учёт товаров на полках и очередей у касс.",
        "Computer vision for retail: shelf and checkout queue analytics.",
        technologies=("computer-vision",),
        industries=("retail",),
    ),
    Anchor(
        "ИИ-Диагностика",
        "ИИ для медицинской диагностики: находим патологии на рентгеновских снимках.",
        "Artificial intelligence for medical diagnostics: pathologies on X-ray images.",
        technologies=("ai", "medtech"),
        industries=("healthcare",),
    ),
    Anchor(
        "Робототехнические системы",
        "Робототехнические комплексы для сварки и покраски кузовов.",  # no technology chosen
        industries=("manufacturing",),
        org_type="manufacturer",
    ),
    Anchor(
        "Квантовые сенсоры",
        "Квантовые магнитометры и гравиметры для геологоразведки.",
        technologies=("quantum",),
        industries=("science",),
    ),
    Anchor(
        "Агродрон",
        "Беспилотники для точного земледелия: опрыскивание и мониторинг полей.",
        "Drones for precision farming: spraying and field monitoring.",
        technologies=("drones",),
        industries=("agro",),
    ),
    Anchor(
        "ЛогистикаПро",
        "Логистические платформы для складов: учёт запасов и маршрутизация доставки.",
        technologies=("big-data",),
        industries=("transport",),
        org_type="it_company",
    ),
    Anchor(
        "Кибер Щит",
        "Кибербезопасность для банков: центр мониторинга и защита от мошенничества.",
        "Cybersecurity for banks: a security operations centre and fraud protection.",
        technologies=("cybersecurity",),
        industries=("finance",),
        org_type="it_company",
    ),
]


@dataclass(frozen=True)
class Query:
    text: str
    expected: tuple[str, ...]  # short names that must be among the first TOP
    case: str
    facets: dict = field(default_factory=dict)


QUERIES = [
    Query("3д печать", ("Студия 3D-печати «Слой»",), "script"),
    Query("3D печать", ("Студия 3D-печати «Слой»",), "script"),
    Query("3Д-печать металлом", ("Металлпринт",), "script"),
    Query("ИИ диагностика", ("ИИ-Диагностика",), "script"),
    Query("AI диагностика", ("ИИ-Диагностика",), "script"),
    Query("искусственный интеллект диагностика", ("ИИ-Диагностика",), "script"),
    Query("дроны для сельского хозяйства", ("Агродрон",), "script"),
    Query("робот манипулятор", ("Манипуляторика",), "partial"),
    Query("манипулятор робот склад", ("Манипуляторика",), "partial"),
    Query("склад паллет манипулятор", ("Манипуляторика",), "plain"),
    Query("робототехника для покраски кузовов", ("Робототехнические системы",), "root"),
    Query("робототехнические системы", ("Робототехнические системы",), "proximity"),
    Query("логистика склад", ("ЛогистикаПро",), "root"),
    Query("сварка кузовов роботами", ("Робототехнические системы",), "root"),
    Query("3d печать металлом", ("Металлпринт",), "proximity"),
    Query("3D-печать металлом", ("Металлпринт",), "proximity"),
    Query("metal 3D printing", ("Металлпринт",), "proximity"),
    Query("квантовые сенсоры", ("Квантовые сенсоры",), "proximity"),
    Query("Металлпринт", ("Металлпринт",), "plain"),
    Query("металпринт", ("Металлпринт",), "plain"),  # a letter missing
    Query("3D-печать металлических деталей", ("Металлпринт",), "example"),
    Query("компьютерное зрение для розничной торговли", ("Зоркий глаз",), "example"),
    Query("computer vision for retail", ("Зоркий глаз",), "example"),
    Query("AI diagnostics", ("ИИ-Диагностика",), "plain"),
    Query("беспилотники мониторинг полей", ("Агродрон",), "plain"),
    Query("drones precision farming", ("Агродрон",), "plain"),
    Query("квантовый магнитометр", ("Квантовые сенсоры",), "plain"),
    Query("кибербезопасность банков", ("Кибер Щит",), "plain"),
    Query("защита от мошенничества", ("Кибер Щит",), "plain"),
    Query("cybersecurity for banks", ("Кибер Щит",), "plain"),
]


def add_anchors() -> None:
    """The hand-written organizations, with identifiers no demo organization has (the demo
    generator counts its serials up from 1; these take theirs from 9,000,000)."""
    from innocluster.platform.organizations.demo.identifiers import legal_entity_identifiers
    from innocluster.platform.organizations.models import (
        Industry,
        Organization,
        Product,
        Technology,
    )

    for number, anchor in enumerate(ANCHORS):
        inn, ogrn = legal_entity_identifiers(9_000_000 + number, anchor.region, 2015)
        organization = Organization.objects.create(
            kind="legal_entity",
            inn=inn,
            ogrn=ogrn,
            short_name=anchor.short_name,
            full_name=f"ООО «{anchor.short_name}»",
            region=anchor.region,
            legal_address="Москва",
            description_ru=anchor.description_ru,
            description_en=anchor.description_en,
            org_type=anchor.org_type,
            headcount=25,
            year_founded=2015,
        )
        organization.technologies.set(Technology.objects.filter(slug__in=anchor.technologies))
        organization.industries.set(Industry.objects.filter(slug__in=anchor.industries))
        Product.objects.bulk_create(
            Product(organization=organization, name=name, category="equipment", trl=trl)
            for name, trl in anchor.products
        )


@dataclass
class Judged:
    query: Query
    found: list[str]  # the first TOP short names
    count: int
    partial: bool

    @property
    def recall(self) -> float:
        return sum(name in self.found for name in self.query.expected) / len(self.query.expected)

    @property
    def reciprocal_rank(self) -> float:
        places = [self.found.index(n) + 1 for n in self.query.expected if n in self.found]
        return 1 / min(places) if places else 0.0


def judge(query: Query) -> Judged:
    """The first TOP results of `query` as the directory's page gives them."""
    from django.http import QueryDict

    from innocluster.features.directory.selectors import organization_search

    data = QueryDict(mutable=True)
    data["q"] = query.text
    for key, value in query.facets.items():
        data[key] = value
    result = organization_search(data=data, page_size=TOP, facets=False)
    found = [hit.organization.short_name for hit in result.hits]
    return Judged(query=query, found=found, count=result.count, partial=result.partial)
