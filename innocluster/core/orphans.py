"""Deleting uploaded files that no row names: the daily sweep behind
`files.files_deleted_on_rollback`.

A service writes a file before the row that names it and deletes it again when its transaction
rolls back. What that cannot catch — a process killed between writing the file and committing
the row, a caller's longer transaction rolled back after the block — leaves a file no row
names, forever. An app declares where its files live and which fields name them, once, beside
the upload_to functions that decide the folders (its models module: every process imports it,
so the worker that runs the sweep knows every declaration):

    ORPHAN_FILES = declare(
        "exchange", folders=("exchange",),
        fields=("exchange.OrderFile.file", "exchange.OfferDocument.file"),
    )

and that is all: one daily task (core.tasks.delete_orphan_files) sweeps every declaration,
each on its own, so one that fails (a storage error, a field renamed) is logged and the others
are still swept. Every file under the folders (and their subfolders) that none of the fields
names and that is older than the age is deleted. The folders must hold only files these fields
name: a file another model names in the same folder would be taken for an orphan, which is why
two declarations may not share a folder or nest one in the other.

Logs say how many files were deleted, never which: names of sealed offers' documents say whose
they are."""

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.apps import apps
from django.db import models
from django.utils import timezone

# A file no row names is older than any transaction after this long: deleting it then never
# races a row being written (its file is written first, in the same transaction).
ORPHAN_AGE = dt.timedelta(days=1)
# Names are read from the database this many at a time (~100k rows stay a few MB of strings).
CHUNK = 2000

logger = logging.getLogger(__name__)


def checked_folder(folder: str) -> str:
    """A folder to sweep: a relative path inside the storage, never its root (which holds every
    feature's files) nor anything outside it."""
    path = PurePosixPath(folder or "")
    if not folder or path.is_absolute() or ".." in path.parts or str(path) in {"", "."}:
        raise ValueError(f"A folder to sweep is a relative path inside the storage: {folder!r}.")
    return str(path)


def file_field(label: str) -> models.FileField:
    """The FileField named "app_label.Model.field"."""
    app_label, model_name, field_name = label.split(".")
    field = apps.get_model(app_label, model_name)._meta.get_field(field_name)
    if not isinstance(field, models.FileField):
        raise TypeError(f"{label} is not a FileField.")
    return field


def names_in(fields: Iterable[models.FileField]) -> set[str]:
    """The storage-relative names every row holds in `fields` (no model instance is loaded)."""
    named: set[str] = set()
    for field in fields:
        rows = field.model._default_manager.exclude(**{field.name: ""}).exclude(
            **{f"{field.name}__isnull": True}
        )
        named.update(rows.values_list(field.name, flat=True).iterator(chunk_size=CHUNK))
    return named


def _files_under(storage, folder: str) -> Iterator[str]:
    """Every file's name under `folder` and its subfolders; none if it does not exist.
    (Not `storage.exists(folder)`: an object store such as S3 has no folders, only names, and
    says a folder does not exist while listing its files.)"""
    try:
        subfolders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for subfolder in subfolders:
        yield from _files_under(storage, f"{folder}/{subfolder}")


def orphan_files_delete(
    *, storage, folders: Iterable[str], named: set[str], age: dt.timedelta = ORPHAN_AGE, now=None
) -> int:
    """Delete every file under `folders` (storage-relative, with their subfolders) that is
    not in `named` and was last written more than `age` before `now`; return how many.

    Read `named` before calling: a file written after that is younger than `age`, so kept."""
    if age <= dt.timedelta(0):
        raise ValueError("The age of an orphan is positive: younger files may be in flight.")
    cutoff = (now or timezone.now()) - age
    deleted = 0
    for folder in [checked_folder(folder) for folder in folders]:
        for name in list(_files_under(storage, folder)):
            if name not in named and storage.get_modified_time(name) < cutoff:
                storage.delete(name)
                deleted += 1
    return deleted


@dataclass(frozen=True)
class OrphanFiles:
    """A feature's declaration of its uploaded files: the folders they are written to (every
    upload_to of `fields` lands in one of them) and the FileFields ("app_label.Model.field")
    whose rows name them. All the fields share one storage."""

    name: str
    folders: tuple[str, ...]
    fields: tuple[str, ...]
    age: dt.timedelta = ORPHAN_AGE

    def __post_init__(self):
        if not self.folders or not self.fields:
            raise ValueError(f"{self.name}: a sweep needs its folders and its fields.")
        for folder in self.folders:
            checked_folder(folder)

    def delete(self, *, now=None) -> int:
        """Delete this feature's files no row names, older than the age; return how many."""
        fields = [file_field(label) for label in self.fields]
        storages = {id(field.storage): field.storage for field in fields}
        if len(storages) != 1:
            raise ValueError(f"{self.name}: the swept fields must share one storage.")
        (storage,) = storages.values()
        named = names_in(fields)
        deleted = orphan_files_delete(
            storage=storage, folders=self.folders, named=named, age=self.age, now=now
        )
        logger.info("Deleted %d orphaned files of %s", deleted, self.name)
        return deleted


_DECLARED: dict[str, OrphanFiles] = {}


def declare(
    name: str, *, folders: Iterable[str], fields: Iterable[str], age: dt.timedelta = ORPHAN_AGE
) -> OrphanFiles:
    """Have the daily sweep delete the files under `folders` that none of `fields` names.
    Declaring the same again (a module imported twice) is harmless; another declaration under
    a taken name, or folders that overlap another declaration's, is a programming error."""
    declaration = OrphanFiles(name, folders=tuple(folders), fields=tuple(fields), age=age)
    if _DECLARED.get(name, declaration) != declaration:
        raise ValueError(f"Orphaned files are already declared as {name!r}, differently.")
    for other in _DECLARED.values():
        if other.name != name and _overlap(declaration.folders, other.folders):
            raise ValueError(
                f"{name}: its folders overlap those of {other.name}; each sweep would take "
                "the other's files for orphans."
            )
    _DECLARED[name] = declaration
    return declaration


def _overlap(ours: Iterable[str], theirs: Iterable[str]) -> bool:
    """Whether a folder of one is a folder of the other, or holds one of them."""
    return any(
        PurePosixPath(a).is_relative_to(b) or PurePosixPath(b).is_relative_to(a)
        for a in ours
        for b in theirs
    )


def declared() -> list[OrphanFiles]:
    """Every declaration, by name."""
    return sorted(_DECLARED.values(), key=lambda declaration: declaration.name)


def delete_declared(*, now=None) -> dict[str, int | None]:
    """Sweep every declaration; return how many files each deleted (None for one that failed:
    logged, and the rest are swept all the same)."""
    deleted: dict[str, int | None] = {}
    for declaration in declared():
        try:
            deleted[declaration.name] = declaration.delete(now=now)
        except Exception:
            logger.exception("Could not delete the orphaned files of %s", declaration.name)
            deleted[declaration.name] = None
    return deleted
