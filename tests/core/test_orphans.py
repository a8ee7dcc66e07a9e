"""core.orphans deletes uploaded files no row names once they are older than a day: never a
named one, never a young one, nothing outside its folders, and its logs give no names. One
daily task sweeps what every app declares, each declaration on its own."""

import datetime as dt
import logging

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models

from innocluster.core import orphans
from innocluster.core.orphans import OrphanFiles, declare, declared, names_in, orphan_files_delete
from innocluster.platform.organizations.models import Organization
from tests.factories import OrganizationFactory

from ..orphans import aged, exists, run_daily, stray


def sweep(folders=("core-tests",), named=frozenset(), **kwargs) -> int:
    return orphan_files_delete(storage=default_storage, folders=folders, named=named, **kwargs)


def test_an_old_orphan_goes_a_young_one_and_a_named_one_stay(settings):
    old, young, named = (
        stray("core-tests/old.pdf"),
        stray("core-tests/young.pdf"),
        stray("core-tests/named.pdf"),
    )
    aged(old, named)
    assert sweep(named={named}) == 1
    assert not exists(old) and exists(young) and exists(named)


def test_subfolders_are_swept_too(settings):
    deep = stray("core-tests/7/offers/12/deep.pdf")
    aged(deep)
    assert sweep() == 1 and not exists(deep)


def test_the_age_decides_to_the_second(settings):
    almost = stray("core-tests/almost.pdf")
    aged(almost, days=1)
    # Written a day ago, seen a minute earlier: not yet older than the age.
    assert sweep(now=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)) == 0
    assert sweep() == 1 and not exists(almost)


def test_files_outside_the_folders_are_never_touched(settings):
    beside, above = stray("core-tests-other/a.pdf"), stray("top.pdf")
    aged(beside, above)
    assert sweep() == 0 and exists(beside) and exists(above)


def test_a_folder_that_does_not_exist_sweeps_nothing(settings):
    assert sweep(folders=("never-written", "core-tests")) == 0


@pytest.mark.parametrize("folder", ["", ".", "/", "/etc", "../elsewhere", "core-tests/../.."])
def test_the_storage_root_and_paths_out_of_it_are_refused(folder, settings):
    kept = stray("kept.pdf")
    aged(kept)
    with pytest.raises(ValueError, match="relative path inside the storage"):
        sweep(folders=(folder,))
    with pytest.raises(ValueError, match="relative path inside the storage"):
        OrphanFiles("test", folders=(folder,), fields=("organizations.Organization.logo",))
    assert exists(kept)


def test_an_age_that_is_not_positive_is_refused(settings):
    kept = stray("core-tests/kept.pdf")
    with pytest.raises(ValueError, match="positive"):
        sweep(age=dt.timedelta(0))
    assert exists(kept)


def test_a_declaration_names_fields_that_are_file_fields():
    with pytest.raises(TypeError, match="not a FileField"):
        not_a_file = ("organizations.Organization.short_name",)
        OrphanFiles("test", folders=("x",), fields=not_a_file).delete()
    with pytest.raises(ValueError, match="folders and its fields"):
        OrphanFiles("test", folders=(), fields=("organizations.Organization.logo",))


@pytest.mark.django_db
def test_names_are_read_without_loading_a_row_and_blanks_are_no_names(monkeypatch):
    OrganizationFactory(logo="logos/a.png")
    OrganizationFactory(logo="")
    field = Organization._meta.get_field("logo")

    def no_instances(*args, **kwargs):
        raise AssertionError("a model instance was loaded")

    monkeypatch.setattr(Organization, "from_db", classmethod(no_instances))
    assert names_in([field]) == {"logos/a.png"}


@pytest.mark.django_db
def test_a_declared_sweep_keeps_named_files_and_logs_a_count_not_names(caplog, settings):
    named, orphan = stray("logos/named.png"), stray("logos/secret-offer-of-acme.png")
    OrganizationFactory(logo=named)
    aged(named, orphan)
    logos = OrphanFiles("logos", folders=("logos",), fields=("organizations.Organization.logo",))
    with caplog.at_level(logging.DEBUG, logger="innocluster.core.orphans"):
        assert logos.delete() == 1
    assert exists(named) and not exists(orphan)
    assert "Deleted 1 orphaned files of logos" in caplog.text
    assert "secret" not in caplog.text and "named" not in caplog.text


@pytest.fixture
def registry(monkeypatch):
    """An empty registry of declarations for the test, the apps' own put back after."""
    monkeypatch.setattr(orphans, "_DECLARED", {})


@pytest.mark.django_db
def test_a_failing_declaration_is_logged_and_the_others_are_swept(registry, caplog, settings):
    # Given a declaration whose sweep fails (first, by name) and one that works
    not_a_file = ("organizations.Organization.short_name",)
    declare("a-broken", folders=("core-tests/a",), fields=not_a_file)
    declare("b-logos", folders=("core-tests/b",), fields=("organizations.Organization.logo",))
    orphan = stray("core-tests/b/orphan.png")
    aged(orphan)
    # When the scheduler runs the daily sweep
    with caplog.at_level(logging.ERROR, logger="innocluster.core.orphans"):
        deleted = run_daily("core.orphan_files")
    # Then the failure is logged and counted as none, and the other was swept all the same
    assert deleted == {"a-broken": None, "b-logos": 1}
    assert "Could not delete the orphaned files of a-broken" in caplog.text
    assert not exists(orphan)


def test_declaring_again_is_harmless_and_another_under_the_name_is_refused(registry):
    logos = declare("logos", folders=("logos",), fields=("organizations.Organization.logo",))
    again = declare("logos", folders=["logos"], fields=["organizations.Organization.logo"])
    assert again == logos and declared() == [logos]
    with pytest.raises(ValueError, match="already declared as 'logos'"):
        declare("logos", folders=("icons",), fields=("organizations.Organization.logo",))


@pytest.mark.parametrize("folder", ["logos", "logos/old", "logos/", "logos/./x"])
def test_declarations_may_not_share_or_nest_folders(registry, folder):
    declare("logos", folders=("logos",), fields=("organizations.Organization.logo",))
    with pytest.raises(ValueError, match="overlap those of logos"):
        declare("images", folders=(folder,), fields=("organizations.Product.image",))
    declare("products", folders=("products", "logos-old"), fields=("organizations.Product.image",))


def test_every_file_field_is_declared_once():
    """Each model's uploaded files are swept: a FileField added without a declaration (or one
    declared twice, by two sweeps that would take each other's files for orphans) fails here."""
    labels = [label for declaration in declared() for label in declaration.fields]
    file_fields = sorted(
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    )
    assert sorted(labels) == file_fields
