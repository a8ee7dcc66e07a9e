"""Open data: every dataset streamed as CSV and JSON, a valid Frictionless data package, a
DCAT-AP catalogue in JSON-LD and Turtle, and a clear 404 for a date before any snapshot."""

import csv
import io
import json

import pytest
from django.http import StreamingHttpResponse
from frictionless import Package, Resource, Schema

from innocluster.features.figures.opendata import DATASETS
from innocluster.features.figures.services import snapshot_take

from .conftest import members

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot(today):
    members(6, region="77")
    return snapshot_take(day=today)


def _body(response) -> bytes:
    assert isinstance(response, StreamingHttpResponse)  # never built whole in memory
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("name", [d.name for d in DATASETS])
def test_each_dataset_as_csv_and_json(client, snapshot, name):
    fields = [f.name for f in next(d for d in DATASETS if d.name == name).fields]
    text = _body(client.get(f"/opendata/{name}.csv")).decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(text))) == fields
    rows = json.loads(_body(client.get(f"/opendata/{name}.json")))
    assert isinstance(rows, list)
    assert all(list(row) == fields for row in rows)


def test_the_register_lists_the_participants(client, snapshot):
    rows = json.loads(_body(client.get("/opendata/participants.json")))
    assert len(rows) == 6 and {r["region"] for r in rows} == {"77"}


def test_the_figures_dataset_before_any_snapshot_is_a_problem(client, snapshot):
    response = client.get("/opendata/figures.csv?on=2001-01-01")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "figures_no_snapshot"
    bad = client.get("/opendata/figures.json?on=01.01.2001")
    assert bad.status_code == 400 and bad.json()["code"] == "figures_bad_date"
    on_day = client.get(f"/opendata/figures.json?on={snapshot.day.isoformat()}")
    assert {row["day"] for row in json.loads(_body(on_day))} == {snapshot.day.isoformat()}


def test_no_figures_yet_is_a_problem(client, db):
    response = client.get("/opendata/figures.json")
    assert response.status_code == 404 and response.json()["code"] == "figures_no_snapshot"


def test_the_data_package_is_valid_and_describes_the_data(client, snapshot, tmp_path):
    descriptor = client.get("/opendata/datapackage.json").json()
    # Frictionless reads the descriptor as a data portal would: no metadata error
    report = Package.validate_descriptor(descriptor)
    assert report.valid, report.flatten(["type", "note"])
    assert {r.name for r in Package(descriptor).resources} == {
        d.name.replace("_", "-") for d in DATASETS
    }
    # and each CSV, as served, is valid against its resource's schema
    for item in descriptor["resources"]:
        name = item["path"].rsplit("/", 1)[1]
        (tmp_path / name).write_bytes(_body(client.get(f"/opendata/{name}")))
        resource = Resource(
            path=name,
            basepath=str(tmp_path),
            schema=Schema.from_descriptor(item["schema"]),
            encoding="utf-8-sig",
        )
        report = resource.validate()
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_dcat_catalogue_in_json_ld_and_turtle(client, snapshot):
    from rdflib import Graph, Namespace
    from rdflib.namespace import RDF

    dcat = Namespace("http://www.w3.org/ns/dcat#")
    jsonld = client.get("/opendata/catalog.jsonld")
    assert jsonld["Content-Type"].startswith("application/ld+json")
    turtle = client.get("/opendata/catalog.ttl")
    for data, fmt in ((jsonld.content, "json-ld"), (turtle.content, "turtle")):
        graph = Graph().parse(data=data, format=fmt)
        assert len(list(graph.subjects(RDF.type, dcat.Dataset))) == len(DATASETS)
        assert len(list(graph.subjects(RDF.type, dcat.Distribution))) == 2 * len(DATASETS)


def test_the_list_page_shows_licence_and_update_time(client, snapshot):
    html = client.get("/en/opendata/").content.decode()
    assert "Creative Commons Attribution 4.0" in html
    assert "last computed" in html
