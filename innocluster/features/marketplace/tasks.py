"""Background work of the marketplace: the daily deletion of uploaded files no row names."""

import datetime as dt

from django_tasks import task

from innocluster.core.orphans import OrphanFiles
from innocluster.core.schedule import daily

# Listing photos go to marketplace/photos/, certificates to marketplace/certificates/
# (models.photo_path, certificate_path).
ORPHAN_FILES = OrphanFiles(
    "marketplace",
    folders=("marketplace/photos", "marketplace/certificates"),
    fields=("marketplace.Photo.image", "marketplace.Certificate.file"),
)


@task()
def delete_orphan_files() -> int:
    """Delete listing photos and certificates no row names, a day after they were written
    (left by a process killed mid-upload or a caller's transaction rolled back)."""
    return ORPHAN_FILES.delete()


daily("marketplace.orphan_files", at=dt.time(1, 10), task=delete_orphan_files)
