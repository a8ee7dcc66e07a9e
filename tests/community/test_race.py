"""Races on PostgreSQL (row locks), with real threads: a reply while an administrator closes
the thread is either in before the close or refused with `thread_closed`; replies at the same
moment all land and the thread's count stays exact."""

import threading

import pytest
from django.db import connection, connections

from innocluster.core.errors import Conflict
from innocluster.features.community.models import Thread

from .conftest import moderate, reply, start

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (row locks)"),
    pytest.mark.django_db(transaction=True),
]


def _together(*steps) -> list:
    start_line = threading.Barrier(len(steps), timeout=10)
    results: list = [None] * len(steps)

    def run(index, step):
        try:
            start_line.wait()
            results[index] = step()
        except Exception as error:  # noqa: BLE001 (asserted by the test)
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, s)) for i, s in enumerate(steps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a thread hangs: deadlock"
    return results


def test_a_reply_while_the_thread_is_closed(world):
    for round_ in range(20):
        thread = start(world.member, world.cluster, title=f"Раунд {round_}")
        posted, closed = _together(
            lambda t=thread: reply(world.member, t, text="Успел?"),
            lambda t=thread: moderate(world.admin, t, is_closed=True),
        )
        assert not isinstance(closed, Exception), closed
        thread.refresh_from_db()
        assert thread.is_closed
        if isinstance(posted, Exception):
            assert isinstance(posted, Conflict) and posted.code == "thread_closed", posted
            assert thread.posts.count() == thread.post_count == 1
        else:
            assert thread.posts.count() == thread.post_count == 2


def test_replies_at_once_keep_the_count_exact(world):
    thread = start(world.member, world.cluster)
    results = _together(*[lambda n=n: reply(world.member, thread, text=f"№{n}") for n in range(8)])
    assert not [r for r in results if isinstance(r, Exception)], results
    thread = Thread.objects.get(pk=thread.pk)
    assert thread.post_count == thread.posts.count() == 9
