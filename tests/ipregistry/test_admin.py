import pytest
from django.urls import reverse

from innocluster.features.ipregistry.models import IPObject
from tests.factories import UserFactory
from tests.ipregistry.helpers import register

pytestmark = pytest.mark.django_db


def test_the_admin_shows_a_registration_and_changes_nothing(client, organization, owner):
    ip_object = register(organization, owner)
    client.force_login(UserFactory(staff_role="admin", is_staff=True, is_superuser=True))
    change = reverse("admin:ipregistry_ipobject_change", args=[ip_object.pk])
    page = client.get(change)
    assert page.status_code == 200 and "Иванова Анна Петровна" in page.content.decode()
    assert client.post(change, {"title": "Другое"}).status_code == 403
    delete = reverse("admin:ipregistry_ipobject_delete", args=[ip_object.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:ipregistry_ipobject_add")).status_code == 403
    ip_object.refresh_from_db()
    assert ip_object.title != "Другое" and IPObject.objects.count() == 1
