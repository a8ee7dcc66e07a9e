"""Demo clusters: fifteen intersectoral clusters on the seeded organizations, most members
participants so that the larger ones pass decree 435-PP's 30, administrators among the
members. The participant owner of the tour (demo@) administers one; the partner (partner@)
is a member of another; the newcomer stays out. Written in bulk: a second or two."""

import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from innocluster.platform.organizations.models import Industry, Organization, Technology
from innocluster.platform.status.selectors import PARTICIPANT, with_active_status

from .choices import ClusterStatus
from .models import Cluster, ClusterMember

# (name, aims, description, industries' words, technologies' words, members, status)
CLUSTERS = [
    ("Зеленоградский кластер микроэлектроники", "Отечественная электронная компонентная база: от проектирования до серийного выпуска.", "Дизайн-центры, фабрики и испытательные лаборатории Зеленограда объединяются для выпуска микросхем для промышленности и связи.", 90, ClusterStatus.ACTIVE),
    ("Кластер электромобилей и зарядной инфраструктуры", "Серийный московский электромобиль и сеть быстрых зарядных станций.", "Производители тяговых батарей, силовой электроники и зарядных станций, разработчики ПО для управления парком.", 80, ClusterStatus.ACTIVE),
    ("Кластер 3D-печати и промышленного дизайна", "Аддитивное производство деталей для машиностроения и медицины.", "Бюро промышленного дизайна, сервисы 3D-печати металлом и полимерами, производители порошков и принтеров.", 70, ClusterStatus.ACTIVE),
    ("Московский кластер фотоники", "Лазерные системы, оптоволокно и оптические датчики для промышленности.", "Разработчики лазеров, оптических компонентов и систем машинного зрения.", 60, ClusterStatus.ACTIVE),
    ("Кластер беспилотных авиационных систем", "Беспилотники для логистики, мониторинга и сельского хозяйства.", "Производители планеров, двигателей, полётных контроллеров и систем связи, операторы беспилотных полётов.", 75, ClusterStatus.ACTIVE),
    ("Кластер медицинских технологий", "Импортонезависимые медицинские изделия и цифровая диагностика.", "Производители медицинских изделий, клиники-испытатели и разработчики ИИ для диагностики.", 70, ClusterStatus.ACTIVE),
    ("Кластер космических технологий", "Малые спутники и наземная инфраструктура приёма данных.", "Разработчики малых космических аппаратов, полезных нагрузок и сервисов данных дистанционного зондирования.", 55, ClusterStatus.ACTIVE),
    ("Кластер промышленной робототехники", "Роботизированные ячейки для малых и средних производств.", "Интеграторы робототехники, производители приводов и систем технического зрения.", 60, ClusterStatus.NONE),
    ("Кластер новых материалов и композитов", "Композиты и наноматериалы для транспорта и строительства.", "Производители углепластиков, керамики и функциональных покрытий, лаборатории испытаний.", 50, ClusterStatus.NONE),
    ("Кластер умного города", "Цифровые сервисы для городского хозяйства Москвы.", "Разработчики датчиков, платформ интернета вещей и городских сервисов.", 65, ClusterStatus.NONE),
    ("Кластер биотехнологий и фармацевтики", "Полный цикл разработки лекарств: от молекулы до производства.", "Биотехнологические компании, контрактные производства и доклинические лаборатории.", 45, ClusterStatus.SUSPENDED),
    ("Кластер информационной безопасности", "Защищённая инфраструктура для промышленных предприятий.", "Разработчики средств защиты информации, центры мониторинга и интеграторы.", 50, ClusterStatus.NONE),
    ("Кластер энергоэффективных технологий", "Накопители энергии и умные сети для промышленных площадок.", "Производители накопителей, инверторов и систем учёта энергии.", 40, ClusterStatus.NONE),
    ("Кластер пищевых инноваций", "Новые продукты питания и технологии переработки.", "Производители альтернативного белка, упаковки и оборудования для пищевых производств.", 25, ClusterStatus.NONE),
    ("Кластер креативных индустрий", "Игры, анимация и цифровой контент московских студий.", "Студии разработки игр, анимации и виртуальной реальности.", 20, ClusterStatus.NONE),
]  # fmt: skip


@dataclass
class ClustersReport:
    clusters: int = 0
    memberships: int = 0


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
    industries = list(Industry.objects.all())
    technologies = list(Technology.objects.all())
    now = timezone.now()
    clusters, members, sectors = [], [], []
    for index, (name, aims, description, size, status) in enumerate(CLUSTERS):
        chosen = rng.sample(participants, min(size - size // 10, len(participants)))
        chosen += rng.sample(others, min(size // 10, len(others)))
        if index == 0 and administrator is not None:
            chosen.insert(0, administrator.pk)
        if index == 1 and partner is not None:
            chosen.append(partner.pk)
        cluster = Cluster(
            name=name,
            aims=aims,
            description_ru=description,
            lead_organization_id=chosen[0],
            status=status,
            status_changed_at=now if status != ClusterStatus.NONE else None,
            register_number=f"MK-{index + 1:04d}" if status != ClusterStatus.NONE else None,
            is_public=index != len(CLUSTERS) - 1,  # the last one is private
        )
        clusters.append(cluster)
        members.append(chosen)
        sectors.append(
            (
                rng.sample(industries, min(2, len(industries))),
                rng.sample(technologies, min(3, len(technologies))),
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
    return ClustersReport(clusters=len(clusters), memberships=len(rows))
