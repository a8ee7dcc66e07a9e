"""The submission kit's contract through a kind's API (the kit's view sets) and pages (the
kit's SubmissionPages): the same promises as contract.py, as a client meets them. Mixed into
`SubmissionContract`; a kind without an API leaves `Plug.api_path` empty and skips those."""

import pytest
from django.urls import reverse

from innocluster.platform.reviews import services
from innocluster.platform.reviews.models import Case

from ..pdfs import pdf_file
from ..status.helpers import reviewer
from .plug import actions, api_client, download, listed_ids, page_client, stored_files


class WebContract:
    # --- through the kind's API (the kit's view sets) -------------------------------------

    def _api(self, plug):
        if not plug.api_path:
            pytest.skip(f"{plug.kind} has no API")
        return plug.api_path

    def test_api_draft_documents_submit_and_withdraw(self, plug):
        path = self._api(plug)
        applicant = plug.applicant()
        member = api_client(applicant.member)

        # A draft opened through the API is filled from the caller's profile
        created = member.post(path, plug.api_create_data(applicant), format="json")
        assert created.status_code == 201, created.content
        pk = created.json()["id"]
        case = Case.objects.get(pk=pk)
        assert (case.kind, case.status, created.json()["status"]) == (plug.kind, "draft", "draft")
        assert created.json()["contact_email"] == applicant.member.email
        assert pk in listed_ids(member.get(path))
        detail = f"{path}{pk}/"

        # A change and a document
        changed = member.patch(detail, {"contact_name": "Ivan Petrov"}, format="json")
        assert changed.status_code == 200, changed.content
        submission = plug.spec.submission_of(case)
        assert submission.contact_name == "Ivan Petrov"
        values = plug.document_values(submission)
        attached = member.post(
            f"{detail}documents/", {"file": pdf_file(), **values}, format="multipart"
        )
        assert attached.status_code == 201, attached.content
        file_url = attached.json()["url"]
        assert download(member, file_url).startswith(b"%PDF-")
        assert download(api_client(plug.outsider()), file_url) == 404
        assert member.delete(file_url).status_code == 204
        assert not submission.documents.exists()

        # Submitting what is incomplete says what is missing, by code
        refused = member.post(f"{detail}submit/")
        assert refused.status_code == 400
        assert refused.json()["error_codes"]["contact_phone"] == ["required"]

        # Complete, it is submitted (twice: harmless) and can no longer change
        plug.complete(submission, applicant.member)
        submitted = member.post(f"{detail}submit/")
        assert (submitted.status_code, submitted.json()["status"]) == (200, "submitted")
        assert submitted.json()["decision_due"]
        assert member.post(f"{detail}submit/").status_code == 200
        late = member.patch(detail, {"contact_name": "Somebody Else"}, format="json")
        assert (late.status_code, late.json()["code"]) == (409, "case_state")

        # and it is withdrawn
        withdrawn = member.post(f"{detail}withdraw/", {"reason": "Too early."}, format="json")
        assert (withdrawn.status_code, withdrawn.json()["status"]) == (200, "withdrawn")

    def test_api_answers_404_to_outsiders_and_reviewers_see_only_what_was_submitted(self, plug):
        path = self._api(plug)
        applicant = plug.applicant()
        submission = plug.draft(applicant)
        pk = submission.case_id
        detail = f"{path}{pk}/"
        fund = reviewer()

        for user in (plug.outsider(), fund):
            client = api_client(user)
            assert client.get(detail).status_code == 404
            assert pk not in listed_ids(client.get(path))
            for step in ("submit", "withdraw", "documents"):
                answer = client.post(f"{detail}{step}/", {}, format="json")
                assert (answer.status_code, answer.json()["code"]) == (404, "not_found")
            assert (
                client.patch(detail, {"contact_position": "Spy"}, format="json").status_code == 404
            )
        assert api_client().get(detail).status_code in (401, 403)
        assert actions(submission.case) == ["created"]

        plug.complete(submission, applicant.member)
        services.case_submit(case=submission.case, actor=applicant.member)
        assert api_client(fund).get(detail).status_code == 200
        assert api_client(plug.outsider()).get(detail).status_code == 404
        # a reviewer reads it but does not act for the applicant
        answer = api_client(fund).post(f"{detail}withdraw/", {}, format="json")
        assert answer.status_code == 404

    def test_api_refuses_a_non_pdf_and_bad_fields_by_code_leaving_nothing(self, plug):
        path = self._api(plug)
        applicant = plug.applicant()
        member = api_client(applicant.member)
        cases = Case.objects.count()

        bad = member.post(
            path, {**plug.api_create_data(applicant), **plug.bad_fields}, format="json"
        )
        assert bad.status_code == 400, bad.content
        assert bad.json()["error_codes"][plug.bad_field] == [plug.bad_code]
        assert Case.objects.count() == cases

        submission = plug.draft(applicant)
        files = stored_files()
        values = plug.document_values(submission)
        upload = pdf_file("scan.pdf", b"GIF89a, not a PDF")
        refused = member.post(
            f"{path}{submission.case_id}/documents/", {"file": upload, **values}, format="multipart"
        )
        assert refused.status_code == 400
        assert refused.json()["error_codes"]["file"] == ["not_a_pdf"]
        assert not submission.documents.exists()
        assert stored_files() == files

    # --- through the kind's pages (the kit's SubmissionPages) -----------------------------

    def _url(self, plug, name, *args):
        return reverse(f"{plug.spec.url_namespace}:{name}", args=args)

    def test_pages_show_the_application_to_its_applicant_only(self, plug):
        applicant = plug.applicant()
        submission = plug.draft(applicant)
        page = self._url(plug, "application", submission.case_id)

        assert page_client(applicant.member).get(page).status_code == 200
        assert page_client(applicant.colleague).get(page).status_code == 200
        assert page_client(plug.outsider()).get(page).status_code == 404
        assert page_client(reviewer()).get(page).status_code == 404
        anonymous = page_client().get(page)
        assert anonymous.status_code == 302 and "login" in anonymous["Location"]
        assert plug.spec.applicant_url(submission.case) == page

    def test_pages_attach_submit_and_serve_documents_to_the_entitled_only(self, plug):
        applicant = plug.applicant()
        submission = plug.draft(applicant)
        pk = submission.case_id
        member = page_client(applicant.member)
        files = stored_files()

        # A non-PDF is refused on the page, and nothing is stored
        values = plug.document_values(submission)
        upload = pdf_file("scan.pdf", b"Not a PDF")
        refused = member.post(self._url(plug, "document_add", pk), {"file": upload, **values})
        assert refused.status_code == 400
        assert not submission.documents.exists()
        assert stored_files() == files

        # An incomplete application is not submitted: the page comes back with what is missing
        assert member.post(self._url(plug, "submit", pk)).status_code == 400
        assert Case.objects.get(pk=pk).status == "draft"
        # An outsider cannot submit it
        assert page_client(plug.outsider()).post(self._url(plug, "submit", pk)).status_code == 404

        # Complete, it is submitted from the page, and its documents go to the entitled only
        plug.complete(submission, applicant.member)
        assert member.post(self._url(plug, "submit", pk)).status_code == 302
        assert Case.objects.get(pk=pk).status == "submitted"
        document = submission.documents.first()
        file_url = self._url(plug, "document", pk, document.pk)
        assert download(member, file_url).startswith(b"%PDF-")
        assert download(page_client(reviewer()), file_url).startswith(b"%PDF-")
        assert download(page_client(plug.outsider()), file_url) == 404
        # and nothing more is attached once submitted (409: no longer a draft)
        attached = submission.documents.count()
        late = member.post(self._url(plug, "document_add", pk), {"file": pdf_file(), **values})
        assert late.status_code == 409
        assert submission.documents.count() == attached

        # The applicant withdraws it from the page
        assert member.post(self._url(plug, "withdraw", pk), {"reason": "Later."}).status_code == 302
        assert Case.objects.get(pk=pk).status == "withdrawn"
