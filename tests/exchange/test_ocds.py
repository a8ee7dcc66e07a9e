"""Open contracting (OCDS 1.1 with the bid extension) of the exchange's orders.

No package on the registry this project installs from ships the OCDS 1.1 release schema
(libcoveocds, ocdskit and ocdsextensionregistry fetch it from the web at run time), so the
release is tested field by field here against what the schema requires; and, where
OCDS_SCHEMA_DIR names a folder with the standard's release-schema.json (1.1.5),
release-package-schema.json and the bid extension's release-schema.json (v1.1.5), validated
with jsonschema against the schema patched with the extension."""

import datetime as dt
import json
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from innocluster.features.exchange import ocds, services

from .after import a_delivered_order, an_awarded_order
from .helpers import a_buyer, a_supplier, an_offer, an_order, close

pytestmark = pytest.mark.django_db

DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$")


def the_release(order) -> dict:
    (found,) = list(ocds.releases(ocds.orders().filter(pk=order.pk)))
    return found


def assert_release(release: dict) -> None:
    """What the OCDS 1.1 release schema requires of every release, and its formats."""
    assert set(release) >= {"ocid", "id", "date", "tag", "initiationType"}
    assert release["ocid"].startswith("ocds-213czf-") and release["initiationType"] == "tender"
    assert DATE_TIME.match(release["date"])
    assert set(release["tag"]) <= {
        "tender", "tenderCancellation", "award", "contract", "implementation"
    }  # fmt: skip
    tender = release["tender"]
    assert isinstance(tender["id"], str) and tender["items"]
    assert tender["status"] in {"active", "complete", "cancelled"}
    assert tender["awardCriteria"] in {"priceOnly", "ratedCriteria"}
    assert tender["procurementMethod"] in {"open", "selective"}
    for period in ("tenderPeriod", "enquiryPeriod"):
        assert DATE_TIME.match(tender[period]["startDate"])
        assert DATE_TIME.match(tender[period]["endDate"])
    for item in tender["items"]:
        assert isinstance(item["id"], str) and isinstance(item["quantity"], float)
        assert set(item["classification"]) == {"scheme", "id", "description"}
        assert item["unit"]["scheme"] == "OKEI" and isinstance(item["unit"]["id"], str)
    party_ids = {party["id"] for party in release["parties"]}
    assert release["buyer"]["id"] in party_ids
    for award in release.get("awards", []):
        assert award["status"] == "active" and award["value"]["currency"] == "RUB"
        assert {s["id"] for s in award["suppliers"]} <= party_ids
    award_ids = {award["id"] for award in release.get("awards", [])}
    for contract in release.get("contracts", []):
        assert contract["awardID"] in award_ids and isinstance(contract["id"], str)
    for statistic in release.get("bids", {}).get("statistics", []):
        assert set(statistic) >= {"id", "measure", "value"}


def test_a_published_order_is_a_tender_and_its_offers_stay_sealed():
    buyer, owner = a_buyer()
    order = an_order(buyer, owner, budget=Decimal("500000.00"), budget_public=False)
    an_offer(order, *a_supplier())
    release = the_release(order)
    assert_release(release)
    assert release["tag"] == ["tender"] and release["ocid"] == f"ocds-213czf-exchange-{order.pk}"
    assert "bids" not in release and "numberOfTenderers" not in release["tender"]
    assert "value" not in release["tender"]  # the budget is hidden from suppliers
    assert release["tender"]["tenderPeriod"]["endDate"] == order.offers_until.isoformat()
    assert release["tender"]["enquiryPeriod"]["endDate"] == order.questions_until.isoformat()
    item = release["tender"]["items"][0]
    assert item["classification"]["id"] == "cnc-milling" and item["quantity"] == 100.0
    assert item["unit"]["id"] == "796"


def test_an_opened_order_shows_the_count_of_bids_never_prices():
    buyer, owner = a_buyer()
    order = an_order(buyer, owner, budget=Decimal("900000.00"), budget_public=True)
    for _ in range(3):
        an_offer(order, *a_supplier(), "123456.78", "1000")
    withdrawn = an_offer(order, *a_supplier())
    services.offer_withdraw(offer=withdrawn, actor=withdrawn.submitted_by)
    close(order)
    release = the_release(order)
    assert_release(release)
    statistics = {s["measure"]: s["value"] for s in release["bids"]["statistics"]}
    assert statistics["bids"] == 3 and release["tender"]["numberOfTenderers"] == 3
    assert release["tender"]["value"] == {"amount": 900000.0, "currency": "RUB"}
    assert "123456.78" not in json.dumps(release)


def test_awarded_contracted_delivered_order():
    order, buyer, _, supplier, _ = a_delivered_order()
    release = the_release(order)
    assert_release(release)
    assert release["tag"] == ["tender", "award", "contract", "implementation"]
    (award,) = release["awards"]
    assert award["value"]["amount"] == float(order.award.amount)
    assert award["suppliers"][0]["name"] == supplier.short_name
    (contract,) = release["contracts"]
    assert contract["status"] == "terminated" and contract["value"]["amount"] == 144000.0
    assert contract["implementation"]["milestones"][0]["status"] == "met"
    roles = {party["name"]: party["roles"] for party in release["parties"]}
    assert "buyer" in roles[buyer.short_name] and "supplier" in roles[supplier.short_name]


def test_cancelled_and_draft_orders():
    buyer, owner = a_buyer()
    draft = an_order(buyer, owner, publish=False)
    cancelled = an_order(buyer, owner)
    services.order_cancel(order=cancelled, actor=owner, reason="Изменилась конструкция")
    assert [r["tender"]["id"] for r in ocds.releases()] == [str(cancelled.pk)]
    release = the_release(cancelled)
    assert release["tender"]["status"] == "cancelled"
    assert release["tag"] == ["tender", "tenderCancellation"]
    assert release["tender"]["statusDetails"] == "Изменилась конструкция"
    assert str(draft.pk) not in {r["tender"]["id"] for r in ocds.releases()}


def test_confidential_files_stay_out(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    buyer, owner = a_buyer()
    order = an_order(buyer, owner, publish=False)
    for name, secret in (("open.txt", False), ("secret.txt", True)):
        services.order_file_add(
            order=order, actor=owner, upload=SimpleUploadedFile(name, b"x"), confidential=secret
        )
    services.order_publish(order=order, actor=owner)
    documents = the_release(order)["tender"]["documents"]
    assert [d["title"] for d in documents] == ["open.txt"]
    assert documents[0]["url"].endswith(f"/exchange/orders/{order.pk}/files/{documents[0]['id']}/")


def test_the_streamed_package_is_the_package_in_chunks():
    orders = [an_awarded_order()[0] for _ in range(3)]
    pieces = list(ocds.package_chunks("https://example.org/p", ocds.releases(chunk=2)))
    assert len(pieces) == 3 + 2  # the head, a piece per release, the end
    package = json.loads(b"".join(pieces))
    assert package["version"] == "1.1" and package["extensions"] == [ocds.BID_EXTENSION]
    assert [r["tender"]["id"] for r in package["releases"]] == [str(o.pk) for o in orders]
    assert DATE_TIME.match(package["publishedDate"])
    assert package["publisher"]["name"]


@override_settings(OCDS_PREFIX="ocds-abc123")
def test_the_prefix_is_a_setting():
    order = an_order()
    assert the_release(order)["ocid"] == f"ocds-abc123-exchange-{order.pk}"


def test_the_api_endpoints(api, api_as):
    order, *_ = an_awarded_order()
    buyer, owner = a_buyer()
    draft = an_order(buyer, owner, publish=False)
    response = api.get("/api/v1/exchange/ocds/")
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "application/json"
    package = json.loads(b"".join(response.streaming_content))
    assert [r["tender"]["id"] for r in package["releases"]] == [str(order.pk)]
    one = api.get(f"/api/v1/exchange/ocds/{order.pk}/").json()
    assert one["releases"][0]["ocid"].endswith(f"-{order.pk}")
    assert api.get(f"/api/v1/exchange/ocds/{draft.pk}/").status_code == 404
    assert api_as(owner).get(f"/api/v1/exchange/ocds/{draft.pk}/").status_code == 404


SCHEMA_DIR = os.environ.get("OCDS_SCHEMA_DIR")


@pytest.mark.skipif(not SCHEMA_DIR, reason="OCDS_SCHEMA_DIR names no copy of the schema")
def test_against_the_release_schema_with_the_bid_extension():
    import jsonschema

    folder = Path(SCHEMA_DIR)
    schema = json.loads((folder / "release-schema.json").read_text())
    _merge(schema, json.loads((folder / "bid-extension-release-schema.json").read_text()))
    package_schema = json.loads((folder / "release-package-schema.json").read_text())
    a_delivered_order()
    opened = an_order()
    an_offer(opened, *a_supplier())
    close(opened)
    an_order(criteria="weighted", weight_price=50, weight_lead_time=25, weight_rating=25)
    package = json.loads(b"".join(ocds.package_chunks("https://example.org/p", ocds.releases())))
    package_schema["properties"]["releases"]["items"] = {"type": "object"}  # each one below
    jsonschema.Draft4Validator(package_schema, format_checker=jsonschema.FormatChecker()).validate(
        package
    )
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    for release in package["releases"]:
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(release)]
        assert not errors, errors
    assert len(package["releases"]) == 3


def _merge(target: dict, patch: dict) -> None:
    """A JSON merge patch (RFC 7396): how an OCDS extension patches the schema."""
    for key, value in patch.items():
        if value is None:
            target.pop(key, None)
        elif isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value


def test_dates_are_moscow_midnight_for_a_date():
    assert ocds._date(dt.date(2026, 3, 1)) == "2026-03-01T00:00:00+03:00"
    assert ocds._date(timezone.now()).endswith("+00:00")
