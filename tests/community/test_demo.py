import random

import pytest

from innocluster.features.community.demo import demo_threads
from innocluster.features.community.models import Thread
from tests.factories import member_of

from .conftest import join, make_cluster

pytestmark = pytest.mark.django_db


def test_demo_threads_in_each_cluster_and_an_announcement_in_the_public_ones(mailoutbox):
    public, lead = make_cluster()
    member_of(lead, "owner")
    member_of(join(public), "viewer")
    private, other_lead = make_cluster(is_public=False, name="Закрытый")
    member_of(other_lead, "editor")
    empty, _lead = make_cluster(name="Пустой")
    made = demo_threads([public, private, empty], random.Random(7))
    assert made == Thread.objects.count() >= 5
    assert Thread.objects.filter(cluster=public, is_announcement=True, is_pinned=True).count() == 1
    assert not Thread.objects.filter(cluster=private, is_announcement=True).exists()
    assert not Thread.objects.filter(cluster=empty).exists()
    assert all(t.post_count == t.posts.count() >= 1 for t in Thread.objects.all())
    assert mailoutbox == []
