"""Demo joint projects: given clusters with members, 114 projects in all with participants,
milestones and needs, bulk-created; and a few clusters put on the register (with their ledger
entries). The demo command calls `demo_projects(clusters=…)` after the demo clusters."""

import datetime as dt
import random
from decimal import Decimal

from innocluster.platform.organizations.choices import ProductCategory

from .choices import MIN_COUNTING_MEMBERS, ClusterStatus
from .models import Milestone, MilestoneState, Project, ProjectNeed, ProjectParticipant
from .selectors import counting_member_count
from .services.register import cluster_status_change, cluster_status_grant_seeded

PROJECTS = 114
SUBJECTS = [
    ("Носимый кардиомонитор", "медицинское изделие для удалённого наблюдения"),
    ("Цифровой двойник ТЭЦ", "модель станции для прогноза нагрузки"),
    ("Беспилотная доставка на складе", "робот-погрузчик с компьютерным зрением"),
    ("Композитные опоры освещения", "лёгкие опоры из отечественного стеклопластика"),
    ("Платформа телемедицины", "сервис консультаций для поликлиник"),
    ("Умная остановка", "остановка с датчиками и табло"),
    ("Биоразлагаемая упаковка", "упаковка из крахмала для пищевых продуктов"),
    ("Система учёта воды", "интеллектуальные счётчики с передачей данных"),
]
ROLES = ["ведущий исполнитель", "разработка ПО", "производство", "испытания", "поставщик"]
MILESTONES = ["Техническое задание", "Опытный образец", "Испытания", "Серийный выпуск"]
NEEDS = {
    "software": "Программа обработки данных",
    "hardware": "Датчики и контроллеры",
    "service": "Сертификационные испытания",
    "material": "Полимерные материалы",
    "medical": "Одноразовые электроды",
}


def demo_projects(*, clusters, actor=None, register: int = 2, seed: int = 19) -> list[Project]:
    """`clusters` with members (at least two each); `register` of those with 30 counting
    members are put on the register. Returns the projects."""
    rng = random.Random(seed)
    clusters = [c for c in clusters if c.members.count() >= 2]
    if not clusters:
        return []
    members = {c.pk: list(c.members.values_list("organization_id", flat=True)) for c in clusters}
    today = dt.date.today()
    projects = []
    for n in range(PROJECTS):
        cluster = clusters[n % len(clusters)]
        name, goal = SUBJECTS[n % len(SUBJECTS)]
        starts = today - dt.timedelta(days=rng.randint(0, 500))
        projects.append(
            Project(
                cluster=cluster,
                name=f"{name} — этап {n // len(SUBJECTS) + 1}",
                goal=f"Разработать {goal}.",
                expected_result="Опытный образец и его испытания у заказчика.",
                budget=Decimal(rng.randint(5, 400) * 250_000),
                budget_sources="Собственные средства участников; грант фонда",
                starts_on=starts,
                ends_on=starts + dt.timedelta(days=rng.randint(365, 1100)),
                target_trl=rng.randint(4, 8),
                created_by=actor,
            )
        )
    Project.objects.bulk_create(projects, batch_size=500)
    participants, milestones, needs = [], [], []
    for project in projects:
        pool = members[project.cluster_id]
        chosen = rng.sample(pool, k=min(len(pool), rng.randint(2, 5)))
        participants += [
            ProjectParticipant(project=project, organization_id=org, role=ROLES[i % len(ROLES)])
            for i, org in enumerate(chosen)
        ]
        span = (project.ends_on - project.starts_on).days
        for i, title in enumerate(MILESTONES):
            due = project.starts_on + dt.timedelta(days=span * (i + 1) // len(MILESTONES))
            done = due < today
            milestones.append(
                Milestone(
                    project=project,
                    title=title,
                    due_on=due,
                    state=MilestoneState.DONE if done else MilestoneState.PLANNED,
                    result="Этап завершён, акт подписан." if done else "",
                )
            )
        for category in rng.sample(list(NEEDS), k=2):
            needs.append(
                ProjectNeed(project=project, category=category, description=NEEDS[category])
            )
    ProjectParticipant.objects.bulk_create(participants, batch_size=1000)
    Milestone.objects.bulk_create(milestones, batch_size=1000)
    ProjectNeed.objects.bulk_create(needs, batch_size=1000)
    assert set(NEEDS) <= set(ProductCategory.values)
    _register_some(clusters, actor, register)
    return projects


def demo_register(made, *, actor) -> int:
    """Give the demo clusters the statuses they should hold, `made` being (cluster, status)
    pairs, through the register's own services: a number, the history and a ledger entry
    each. A suspension needs a fund administrator (`actor`); without one it is skipped.
    Returns how many clusters are on the register."""
    registered = 0
    for cluster, status in made:
        if status not in (ClusterStatus.ACTIVE, ClusterStatus.SUSPENDED):
            continue
        cluster_status_grant_seeded(
            cluster=cluster, actor=actor, reason="Статус присвоен решением фонда."
        )
        registered += 1
        if status == ClusterStatus.SUSPENDED and getattr(actor, "is_fund_admin", False):
            cluster_status_change(
                cluster=cluster,
                actor=actor,
                action="suspended",
                reason="Число участников со статусом ниже 30; фонд приостановил статус.",
            )
    return registered


def _register_some(clusters, actor, count: int) -> None:
    eligible = [c for c in clusters if counting_member_count(c) >= MIN_COUNTING_MEMBERS]
    for cluster in eligible[:count]:
        cluster_status_grant_seeded(
            cluster=cluster, actor=actor, reason="Статус присвоен решением фонда."
        )
