"""Community's part of the daily sweep: attachments no post names go a day after they were
written; a named one and a young one stay."""

from tests.orphans import aged, exists, stray, swept
from tests.pdfs import pdf_file

from .conftest import reply, start


def test_the_daily_job_deletes_attachments_no_post_names(world):
    # Given a post's attachment, and a file beside it no post names
    thread = start(world.member, world.cluster)
    post = reply(world.member, thread, attachment=pdf_file("Отчёт.pdf"))
    lost, young = stray("community/lost.pdf"), stray("community/in-flight.pdf")
    aged(post.attachment.name, lost)
    # When the scheduler runs the daily sweep
    assert swept("community") == 1
    # Then the file no post names is gone, the named and the young ones stay
    assert not exists(lost) and exists(post.attachment.name) and exists(young)
