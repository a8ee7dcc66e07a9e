"""An id a caller sends that no database can hold finds nothing: a 404, never a 500."""

import pytest

from innocluster.core.errors import NotFound
from innocluster.core.filters import id_or_none
from innocluster.platform.reviews import services

from .test_contract_fake import FakePlug

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("sent", [2**63, -(2**70), "1e400", "abc", None, 0])
def test_what_cannot_be_an_id_is_none(sent):
    assert id_or_none(sent) is None


def test_removing_a_document_by_an_id_past_the_integer_range_is_not_found():
    plug = FakePlug()
    applicant = plug.applicant()
    submission = plug.draft(applicant)
    plug.add_document(submission, applicant.member)

    with pytest.raises(NotFound):
        services.submission_document_remove(
            submission=submission, actor=applicant.member, document_id=2**70
        )

    assert submission.documents.count() == 1
