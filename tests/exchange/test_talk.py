import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from innocluster.core.errors import Conflict
from innocluster.features.exchange import services
from innocluster.features.exchange.models import Download, NdaAcceptance, Order
from tests.factories import OrganizationFactory, member_of

from .helpers import a_buyer, a_supplier, an_order

pytestmark = pytest.mark.django_db


def with_files(order, owner):
    drawing = services.order_file_add(
        order=order, actor=owner, confidential=True,
        upload=SimpleUploadedFile("корпус.step", b"ISO-10303-21; secret geometry"),
    )  # fmt: skip
    spec = services.order_file_add(
        order=order, actor=owner, upload=SimpleUploadedFile("spec.txt", b"Open specification")
    )
    return drawing, spec


def test_a_confidential_file_only_after_the_nda_and_every_download_logged(api_as, api):
    buyer, owner = a_buyer()
    order = an_order(buyer, owner)
    drawing, spec = with_files(order, owner)
    supplier, editor = a_supplier()
    base = f"/api/v1/exchange/orders/{order.pk}/files"
    assert api.get(f"{base}/{drawing.pk}/").status_code == 404
    assert api_as(editor).get(f"{base}/{drawing.pk}/").status_code == 404
    assert api.get(f"{base}/{spec.pk}/").status_code == 200
    accepted = api_as(editor).post(
        f"/api/v1/exchange/orders/{order.pk}/nda/", {"organization": supplier.pk}, format="json"
    )
    assert accepted.status_code == 200
    nda = NdaAcceptance.objects.get()
    assert (nda.organization, nda.accepted_by) == (supplier, editor)
    response = api_as(editor).get(f"{base}/{drawing.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"ISO")
    assert api_as(owner).get(f"{base}/{drawing.pk}/").status_code == 200
    assert list(Download.objects.values_list("user", flat=True)) == [editor.pk, owner.pk]
    # accepting again changes nothing; the buyer needs none; an outsider may not
    services.nda_accept(order=order, organization=supplier, actor=editor)
    assert NdaAcceptance.objects.count() == 1
    with pytest.raises(ValidationError):
        services.nda_accept(order=order, organization=buyer, actor=owner)
    outsider = OrganizationFactory()
    with pytest.raises(ValidationError):
        services.nda_accept(order=order, organization=outsider, actor=member_of(outsider))


def test_questions_in_their_period_answers_public_without_the_asker(api_as, api):
    buyer, owner = a_buyer()
    order = an_order(buyer, owner)
    supplier, editor = a_supplier()
    url = f"/api/v1/exchange/orders/{order.pk}/questions/"
    asked = api_as(editor).post(url, {"text": "Допустима ли замена сплава?"}, format="json")
    assert asked.status_code == 201
    assert api.get(url).json() == []  # not answered yet
    answer_url = f"{url}{asked.json()['id']}/answer/"
    assert api_as(editor).post(answer_url, {"answer": "Да"}, format="json").status_code == 404
    answered = api_as(owner).post(answer_url, {"answer": "Да, на АМг6."}, format="json")
    assert answered.status_code == 200
    public = api.get(url).json()
    assert public[0]["answer"] == "Да, на АМг6." and set(public[0]) == {
        "id", "text", "answer", "answered_at"
    }  # fmt: skip
    assert editor.email not in str(public) and supplier.short_name not in str(public)
    Order.objects.filter(pk=order.pk).update(
        questions_until=timezone.now() - dt.timedelta(seconds=1)
    )
    with pytest.raises(Conflict) as error:
        services.question_ask(order=order, actor=editor, text="Ещё вопрос")
    assert error.value.code == "exchange_questions_closed"
    assert api_as(owner).post(url, {"text": "Сам себе"}, format="json").status_code == 409


def test_a_file_attached_through_the_api_keeps_its_confidential_flag(api_as):
    buyer, owner = a_buyer()
    order = an_order(buyer, owner)
    url = f"/api/v1/exchange/orders/{order.pk}/files/"
    drawing = SimpleUploadedFile("корпус.step", b"ISO-10303-21; secret geometry")
    client = api_as(owner)
    response = client.post(url, {"file": drawing, "confidential": "true"}, format="multipart")
    assert response.status_code == 201
    assert response.json()["confidential"] is True
    spec = SimpleUploadedFile("spec.txt", b"Open specification")
    assert client.post(url, {"file": spec}, format="multipart").json()["confidential"] is False
    assert sorted(order.files.values_list("name", "confidential")) == [
        ("spec.txt", False), ("корпус.step", True),
    ]  # fmt: skip
    refused = client.post(url, {"confidential": "true"}, format="multipart")
    assert refused.status_code == 400 and "file" in refused.json()["errors"]
    assert order.files.count() == 2
