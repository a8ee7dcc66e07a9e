"""Challenges' daily sweep: entry documents no row names go a day after they were written (the
service writes the file with its row, in its transaction: one rolled back, or a process
killed, leaves the file); a named one and a young one stay."""

import pytest

from innocluster.features.challenges import services
from tests.orphans import aged, exists, stray, swept
from tests.pdfs import pdf_file

from .helpers import a_challenge, a_participant, an_entry

pytestmark = pytest.mark.django_db


def test_the_daily_job_deletes_entry_documents_no_row_names():
    # Given an entry's document, and a file beside it no row names
    challenge = a_challenge()
    company, owner = a_participant()
    entry = an_entry(challenge, company, owner)
    document = services.entry_document_add(entry=entry, actor=owner, upload=pdf_file("План.pdf"))
    folder = f"challenges/{challenge.pk}/{entry.pk}"
    lost, young = stray(f"{folder}/Смета.pdf"), stray(f"{folder}/in-flight.pdf")
    aged(document.file.name, lost)
    # When the scheduler runs the daily sweep
    assert swept("challenges") == 1
    # Then the file no row names is gone, the named and the young ones stay
    assert not exists(lost) and exists(document.file.name) and exists(young)
