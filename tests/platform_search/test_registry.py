"""Each app registers what it makes searchable from its own search.py; the search imports no
feature, and facilities import nothing of the directory."""

import ast
from pathlib import Path

import pytest
from django.apps import apps

import innocluster
from innocluster.features.facilities import search as facilities_search
from innocluster.platform.search import sources
from innocluster.platform.search.apps import SearchConfig

PACKAGE = Path(innocluster.__file__).parent


def imported_modules(folder: Path) -> set[str]:
    """Every module (or module.name) the Python files under `folder` import, relative
    imports made absolute."""
    found = set()
    for path in folder.rglob("*.py"):
        package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = package.rsplit(".", node.level - 1)[0] if node.level else ""
                module = ".".join(part for part in (base, node.module or "") if part)
                # `from innocluster.features import directory` imports the directory
                found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def test_the_sources_are_those_each_app_registers_from_its_search_module():
    codes = [source.code for source in sources.registered()]
    later = [
        "clusters",
        "cluster_projects",
        "challenges",
        "pilot_sites",
        "pilots",  # published pilot results (features/pilots/search.py)
        "orders",
        "vacancies",  # features/jobs/search.py
        "marketplace",  # features/marketplace/search.py
    ]  # the other features' sources
    assert codes == [*(s.code for s in facilities_search.SOURCES), *later]
    assert sources.registered()[: len(facilities_search.SOURCES)] == list(facilities_search.SOURCES)


def test_the_search_app_imports_every_apps_search_module(monkeypatch):
    looked_for = []
    monkeypatch.setattr("innocluster.platform.search.apps.autodiscover_modules", looked_for.append)
    SearchConfig.ready(apps.get_app_config("search"))
    assert looked_for == ["search"]


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        ("features/facilities", "innocluster.features.directory"),
        ("platform/search", "innocluster.features"),
    ],
)
def test_no_sideways_or_upward_imports(folder, forbidden):
    imported = imported_modules(PACKAGE / folder)
    assert not [module for module in imported if module.startswith(forbidden)]
    assert imported  # the walk read the files
