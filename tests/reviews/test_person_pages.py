"""A case whose applicant is a person, as the fund's reviewers and the person see it: the
person's name where an organization's would be, never an empty cell or a 500."""

from django.urls import reverse

from innocluster.platform.reviews import services

from .test_contract_fake import FakePersonPlug


def a_submitted_personal_case():
    plug = FakePersonPlug()
    applicant = plug.applicant()
    submission = plug.complete(plug.draft(applicant), applicant.member)
    services.case_submit(case=submission.case, actor=applicant.member)
    return submission.case, applicant.member


def test_the_queue_and_the_case_page_name_the_person(client, a_reviewer):
    case, person = a_submitted_personal_case()
    client.force_login(a_reviewer)

    queue = client.get(reverse("reviews:queue"))
    page = client.get(reverse("reviews:case", args=[case.pk]))

    assert queue.status_code == 200 and page.status_code == 200
    row = queue.content.decode().split(case.number, 1)[1].split("</tr>", 1)[0]
    assert person.full_name in row and "INN" not in row
    text = page.content.decode()
    assert person.full_name in text and person.email in text
    assert "/organizations/" not in text.split("<main", 1)[1]  # no organization to link to


def test_my_applications_names_the_person(client, db):
    case, person = a_submitted_personal_case()
    client.force_login(person)

    page = client.get(reverse("reviews:mine"))

    assert f"{case.number}</a> · {person.full_name}" in page.content.decode()
