"""Demo clusters: fifteen intersectoral clusters on the seeded organizations, most members
participants so that the larger ones pass decree 435-PP's 30, administrators among the
members. The participant owner of the tour (demo@) administers one; the partner (partner@)
is a member of another; the newcomer stays out. Written in bulk: a second or two."""

import random
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from innocluster.platform.organizations.models import Industry, Organization, Technology
from innocluster.platform.status.selectors import PARTICIPANT, with_active_status

from .choices import ClusterStatus
from .models import Cluster, ClusterMember

# Each cluster: its name, aims, description, how many members, its status, and its sectors
# by the taxonomy's slugs (industries, technologies).
CLUSTERS = [
    {
        "name": "Зеленоградский кластер микроэлектроники",
        "aims": (
            "Отечественная электронная компонентная база: от проектирования до серийного выпуска."
        ),
        "description": (
            "Дизайн-центры, фабрики и испытательные лаборатории Зеленограда объединяются "
            "для выпуска микросхем для промышленности и связи."
        ),
        "size": 90,
        "status": ClusterStatus.ACTIVE,
        "industries": "electronics manufacturing",
        "technologies": "microelectronics",
    },
    {
        "name": "Кластер электромобилей и зарядной инфраструктуры",
        "aims": "Серийный московский электромобиль и сеть быстрых зарядных станций.",
        "description": (
            "Производители тяговых батарей, силовой электроники и зарядных станций, "
            "разработчики ПО для управления парком."
        ),
        "size": 80,
        "status": ClusterStatus.ACTIVE,
        "industries": "transport energy",
        "technologies": "energy-storage iot",
    },
    {
        "name": "Кластер 3D-печати и промышленного дизайна",
        "aims": "Аддитивное производство деталей для машиностроения и медицины.",
        "description": (
            "Бюро промышленного дизайна, сервисы 3D-печати металлом и полимерами, "
            "производители порошков и принтеров."
        ),
        "size": 70,
        "status": ClusterStatus.ACTIVE,
        "industries": "manufacturing creative",
        "technologies": "3d-printing new-materials",
    },
    {
        "name": "Московский кластер фотоники",
        "aims": "Лазерные системы, оптоволокно и оптические датчики для промышленности.",
        "description": "Разработчики лазеров, оптических компонентов и систем машинного зрения.",
        "size": 60,
        "status": ClusterStatus.ACTIVE,
        "industries": "electronics science",
        "technologies": "photonics",
    },
    {
        "name": "Кластер беспилотных авиационных систем",
        "aims": "Беспилотники для логистики, мониторинга и сельского хозяйства.",
        "description": (
            "Производители планеров, двигателей, полётных контроллеров и систем связи, "
            "операторы беспилотных полётов."
        ),
        "size": 75,
        "status": ClusterStatus.ACTIVE,
        "industries": "aerospace transport",
        "technologies": "drones computer-vision",
    },
    {
        "name": "Кластер медицинских технологий",
        "aims": "Импортонезависимые медицинские изделия и цифровая диагностика.",
        "description": (
            "Производители медицинских изделий, клиники-испытатели и разработчики ИИ для "
            "диагностики."
        ),
        "size": 70,
        "status": ClusterStatus.ACTIVE,
        "industries": "healthcare",
        "technologies": "medtech ai",
    },
    {
        "name": "Кластер космических технологий",
        "aims": "Малые спутники и наземная инфраструктура приёма данных.",
        "description": (
            "Разработчики малых космических аппаратов, полезных нагрузок и сервисов "
            "данных дистанционного зондирования."
        ),
        "size": 55,
        "status": ClusterStatus.ACTIVE,
        "industries": "aerospace telecom",
        "technologies": "big-data",
    },
    {
        "name": "Кластер промышленной робототехники",
        "aims": "Роботизированные ячейки для малых и средних производств.",
        "description": (
            "Интеграторы робототехники, производители приводов и систем технического зрения."
        ),
        "size": 60,
        "status": ClusterStatus.NONE,
        "industries": "manufacturing",
        "technologies": "robotics cnc",
    },
    {
        "name": "Кластер новых материалов и композитов",
        "aims": "Композиты и наноматериалы для транспорта и строительства.",
        "description": (
            "Производители углепластиков, керамики и функциональных покрытий, лаборатории"
            " испытаний."
        ),
        "size": 50,
        "status": ClusterStatus.NONE,
        "industries": "chemistry construction",
        "technologies": "new-materials nanotech",
    },
    {
        "name": "Кластер умного города",
        "aims": "Цифровые сервисы для городского хозяйства Москвы.",
        "description": "Разработчики датчиков, платформ интернета вещей и городских сервисов.",
        "size": 65,
        "status": ClusterStatus.NONE,
        "industries": "housing government",
        "technologies": "smart-city iot",
    },
    {
        "name": "Кластер биотехнологий и фармацевтики",
        "aims": "Полный цикл разработки лекарств: от молекулы до производства.",
        "description": (
            "Биотехнологические компании, контрактные производства и доклинические лаборатории."
        ),
        "size": 45,
        "status": ClusterStatus.SUSPENDED,
        "industries": "pharma science",
        "technologies": "biotech genomics",
    },
    {
        "name": "Кластер информационной безопасности",
        "aims": "Защищённая инфраструктура для промышленных предприятий.",
        "description": "Разработчики средств защиты информации, центры мониторинга и интеграторы.",
        "size": 50,
        "status": ClusterStatus.NONE,
        "industries": "security it",
        "technologies": "cybersecurity",
    },
    {
        "name": "Кластер энергоэффективных технологий",
        "aims": "Накопители энергии и умные сети для промышленных площадок.",
        "description": "Производители накопителей, инверторов и систем учёта энергии.",
        "size": 40,
        "status": ClusterStatus.NONE,
        "industries": "energy ecology",
        "technologies": "renewables energy-storage",
    },
    {
        "name": "Кластер пищевых инноваций",
        "aims": "Новые продукты питания и технологии переработки.",
        "description": (
            "Производители альтернативного белка, упаковки и оборудования для пищевых производств."
        ),
        "size": 25,
        "status": ClusterStatus.NONE,
        "industries": "agro retail",
        "technologies": "biotech",
    },
    {
        "name": "Кластер креативных индустрий",
        "aims": "Игры, анимация и цифровой контент московских студий.",
        "description": "Студии разработки игр, анимации и виртуальной реальности.",
        "size": 20,
        "status": ClusterStatus.NONE,
        "industries": "creative",
        "technologies": "vr-ar",
    },
]


@dataclass
class ClustersReport:
    clusters: int = 0
    memberships: int = 0
    # The clusters made, each with the status it should hold: the register gives it through
    # its own service (demo_projects.demo_register), with the number and the ledger entry.
    made: list = field(default_factory=list)


def _pool(rng: random.Random, keep_out: set[int]) -> tuple[list[int], list[int]]:
    everyone = Organization.objects.exclude(pk__in=keep_out)
    participants = list(
        with_active_status(everyone, kinds=(PARTICIPANT,)).values_list("pk", flat=True)
    )
    others = list(
        with_active_status(everyone).exclude(pk__in=participants).values_list("pk", flat=True)
    )
    rng.shuffle(participants)
    rng.shuffle(others)
    return participants, others


@transaction.atomic
def build(*, seed: int, administrator=None, partner=None, keep_out=()) -> ClustersReport:
    """Fifteen clusters on the organizations with status. `administrator` (the tour's
    participant) administers the first; `partner` is a member of the second; `keep_out` (the
    newcomer) joins none."""
    rng = random.Random(seed)
    special = {o.pk for o in (administrator, partner) if o is not None}
    participants, others = _pool(rng, set(keep_out) | special)
    if len(participants) < 3:
        return ClustersReport()
    industries = Industry.objects.in_bulk(field_name="slug")
    technologies = Technology.objects.in_bulk(field_name="slug")
    now = timezone.now()
    clusters, members, sectors = [], [], []
    for index, spec in enumerate(CLUSTERS):
        size = spec["size"]
        chosen = rng.sample(participants, min(size - size // 10, len(participants)))
        chosen += rng.sample(others, min(size // 10, len(others)))
        if index == 0 and administrator is not None:
            chosen.insert(0, administrator.pk)
        if index == 1 and partner is not None:
            chosen.append(partner.pk)
        cluster = Cluster(
            name=spec["name"],
            aims=spec["aims"],
            description_ru=spec["description"],
            lead_organization_id=chosen[0],
            is_public=index != len(CLUSTERS) - 1,  # the last one is private
        )
        clusters.append(cluster)
        members.append(chosen)
        industry_slugs, technology_slugs = spec["industries"].split(), spec["technologies"].split()
        sectors.append(
            (
                [industries[slug] for slug in industry_slugs if slug in industries],
                [technologies[slug] for slug in technology_slugs if slug in technologies],
            )
        )
    Cluster.objects.bulk_create(clusters)
    rows = []
    for cluster, chosen, (cluster_industries, cluster_technologies) in zip(
        clusters, members, sectors, strict=True
    ):
        admins = set(chosen[:2])
        rows += [
            ClusterMember(cluster=cluster, organization_id=pk, is_admin=pk in admins, joined_at=now)
            for pk in dict.fromkeys(chosen)
        ]
        cluster.industries.set(cluster_industries)
        cluster.technologies.set(cluster_technologies)
    ClusterMember.objects.bulk_create(rows)
    made = [(cluster, spec["status"]) for cluster, spec in zip(clusters, CLUSTERS, strict=True)]
    return ClustersReport(clusters=len(clusters), memberships=len(rows), made=made)
