"""The IP register's part of the daily sweep: kept works no record names go a day after they
were written; a named one and a young one stay."""

from tests.factories import member_of
from tests.orphans import aged, exists, stray, swept

from .helpers import register, work_file


def test_the_daily_job_deletes_works_no_record_names(organization):
    # Given a work kept with its record, and a file beside it no record names
    ip_object = register(organization, member_of(organization), upload=work_file(), keep_file=True)
    lost, young = stray("ip/0123456789abcdef"), stray("ip/in-flight")
    aged(ip_object.file.name, lost)
    # When the scheduler runs the daily sweep
    assert swept("ipregistry") == 1
    # Then the file no record names is gone, the named and the young ones stay
    assert not exists(lost) and exists(ip_object.file.name) and exists(young)
