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


def test_the_queue_reads_the_same_few_queries_however_many_rows(client, a_reviewer):
    # The queue reads of each row's applicant and reviewer only the columns it shows
    # (selectors.case_queue_rows): a column it showed but did not read would cost a query a row.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(a_reviewer)
    a_submitted_personal_case()

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("reviews:queue")).status_code == 200
        return len(captured)

    few = queries()
    for _ in range(3):
        case, _person = a_submitted_personal_case()
        services.case_take(case=case, reviewer=a_reviewer)
    page = client.get(reverse("reviews:queue")).content.decode()
    assert queries() == few
    rows = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert rows.count(a_reviewer.full_name) == 3  # the reviewer's name read for each taken case
