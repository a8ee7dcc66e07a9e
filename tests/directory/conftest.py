import pytest
from django.http import QueryDict

from innocluster.features.directory.selectors import organization_search
from innocluster.platform.organizations.models import Industry, Technology
from tests.factories import OrganizationFactory, ProductFactory


def make(short_name, *, technologies=(), industries=(), products=(), **fields):
    organization = OrganizationFactory(short_name=short_name, full_name=short_name, **fields)
    if technologies:
        organization.technologies.set(Technology.objects.filter(slug__in=technologies))
    if industries:
        organization.industries.set(Industry.objects.filter(slug__in=industries))
    for name, trl in products:
        ProductFactory(organization=organization, name=name, trl=trl)
    return organization


@pytest.fixture
def engine_uncached(settings):
    """Every search asks the engine, not the query cache (selectors._run), which would answer
    a plan asked before, however the test has set the engine since."""
    settings.SEARCH_CACHE = False


@pytest.fixture
def catalogue(db):
    """A small directory where every search of the issue has one right answer."""
    return {
        "robotech": make(
            "Роботех",
            technologies=["robotics", "ai"],
            industries=["manufacturing"],
            description_ru="Проектируем промышленных роботов для сварки и покраски.",
            products=[("Сварочный робот РТ-1", 7)],
            org_type="manufacturer",
            headcount=120,
        ),
        "printer": make(
            "Аддитив Плюс",
            technologies=["3d-printing"],
            industries=["manufacturing"],
            description_ru="Услуги 3D-печати металлом и пластиком, прототипы за сутки.",
            products=[("3D-печать металлических деталей", 9)],
            region="50",
            org_type="manufacturer",
            headcount=12,
        ),
        "vision": make(
            "Зрение Лаб",
            technologies=["computer-vision", "ai"],
            industries=["retail"],
            description_en="Computer vision for retail shelves.",
            products=[("Shelf analytics", 5)],
            org_type="startup",
            headcount=8,
        ),
        "bank": make(
            "Финансовые решения",
            technologies=["fintech"],
            industries=["finance"],
            description_ru="Платёжные сервисы для малого бизнеса.",
            org_type="it_company",
            region="78",
            headcount=300,
        ),
    }


def names(result) -> list[str]:
    return [hit.organization.short_name for hit in result.hits]


def search(query="", page_size=20, **params):
    """The directory's search of `query` with filters given as keywords (a list for several)."""
    data = QueryDict(mutable=True)
    if query:
        data["q"] = query
    for key, value in params.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    return organization_search(data=data, page_size=page_size)
