"""Demo discussions: a few threads in each cluster with Russian posts by the people of its
member organizations, through the real services (so the counts, the follows and the
notifications are as they would be), and one announcement in each public cluster.

The lead's `demo_data` command calls `demo_threads(clusters, rng)` once the clusters and their
members exist."""

from innocluster.core.mail import mail_suppressed
from innocluster.features.clusters import selectors as clusters_selectors
from innocluster.platform.organizations.models import Membership

from . import services
from .selectors import Standing

TOPICS = [
    (
        "Совместная заявка на грант Фонда",
        [
            "Коллеги, предлагаю подать совместную заявку. Условия: https://i.moscow/support",
            "Мы готовы участвовать: у нас есть испытательный стенд и команда.",
            "Поддерживаю. Давайте соберёмся в четверг и распределим разделы заявки.",
            "Черновик пояснительной записки пришлю до конца недели.",
        ],
    ),
    (
        "Пилотирование на городских площадках",
        [
            "Кто уже проходил пилотирование в городе? Поделитесь опытом.",
            "Мы проходили в прошлом году: главное — заранее согласовать площадку.",
            "Полезный перечень площадок: https://i.moscow/facilities",
        ],
    ),
    (
        "Поиск поставщика электронных компонентов",
        [
            "Ищем российского поставщика печатных плат малыми партиями.",
            "Можем изготовить, напишите требования к плате и объёму.",
            "Спасибо, отправили техническое задание.",
        ],
    ),
    (
        "Кадры: стажировки для студентов",
        [
            "Планируем летние стажировки. Кто готов принять студентов?",
            "Мы возьмём двоих на разработку встроенного ПО.",
        ],
    ),
]
ANNOUNCEMENT = (
    "Общее собрание участников кластера",
    "Приглашаем представителей всех участников на общее собрание кластера. "
    "Повестка: итоги квартала, совместные проекты, план мероприятий.",
)


def _people(cluster) -> tuple[list, list]:
    """(everybody of the member organizations, the acting people of the administrators)."""
    org_ids = clusters_selectors.member_organization_ids(cluster=cluster)
    admin_org_ids = set(
        cluster.members.filter(is_admin=True).values_list("organization_id", flat=True)
    )
    memberships = Membership.objects.filter(organization_id__in=org_ids).select_related("user")
    people, admins = [], []
    for membership in memberships.order_by("pk"):
        people.append(membership.user)
        if membership.organization_id in admin_org_ids and membership.role in ("owner", "editor"):
            admins.append(membership.user)
    return people, admins


def demo_threads(clusters, rng) -> int:
    """Threads in each of `clusters` (a random generator `rng` picks topics and authors);
    returns how many threads were made. A cluster without people gets none."""
    made = 0
    with mail_suppressed():
        for cluster in clusters:
            people, admins = _people(cluster)
            if not people:
                continue
            member = Standing(cluster=cluster, is_member=True, is_admin=False)
            admin = Standing(cluster=cluster, is_member=True, is_admin=True)
            for title, posts in rng.sample(TOPICS, k=min(len(TOPICS), rng.randint(2, 3))):
                thread = services.thread_create(
                    standing=member, actor=rng.choice(people), title=title, text=posts[0]
                )
                for text in posts[1:]:
                    services.post_create(
                        standing=member, thread=thread, actor=rng.choice(people), text=text
                    )
                made += 1
            if cluster.is_public and admins:
                actor = admins[0]
                thread = services.thread_create(
                    standing=admin, actor=actor, title=ANNOUNCEMENT[0], text=ANNOUNCEMENT[1]
                )
                services.thread_update(
                    standing=admin, thread=thread, actor=actor, is_announcement=True, is_pinned=True
                )
                made += 1
    return made
