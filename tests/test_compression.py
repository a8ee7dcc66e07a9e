"""Text answers travel compressed (issue 16, point 22): pages and the API's JSON are gzip when
the client asks for it, with Django's BREACH padding; production's static files have their
.gz and .br beside them, made once at collectstatic."""

import gzip
import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_a_page_is_gzip_when_asked_and_plain_otherwise(client):
    compressed = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert compressed.status_code == 200
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    page = gzip.decompress(compressed.content).decode()
    assert "<html" in page
    assert len(compressed.content) < len(page.encode()) / 2

    plain = client.get("/")
    assert not plain.has_header("Content-Encoding")
    assert "<html" in plain.content.decode()


@pytest.mark.django_db
def test_the_api_json_and_its_problems_are_gzip_when_asked(client, organization):
    listing = client.get("/api/v1/organizations/", HTTP_ACCEPT_ENCODING="gzip")
    assert listing["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(listing.content))["results"]

    problem = client.get("/api/v1/organizations/99999999/", HTTP_ACCEPT_ENCODING="gzip")
    assert problem.status_code == 404
    assert problem["Content-Type"].startswith("application/problem+json")
    if problem.has_header("Content-Encoding"):  # a short problem is not worth compressing
        assert json.loads(gzip.decompress(problem.content))["status"] == 404


@pytest.mark.django_db
def test_a_page_carries_the_breach_padding(client):
    """Django's padding is a random file name in the gzip header (its FNAME flag, RFC 1952).
    The sizes alone would differ anyway: every page masks its CSRF token anew."""
    answers = [client.get("/", HTTP_ACCEPT_ENCODING="gzip").content for _ in range(4)]
    assert all(answer[:2] == b"\x1f\x8b" and answer[3] & 0x08 for answer in answers)
    names = {answer[10 : answer.index(b"\x00", 10)] for answer in answers}
    assert len(names) > 1  # random each time


def test_a_binary_answer_is_not_compressed_again():
    from django.http import HttpResponse
    from django.test import RequestFactory

    from innocluster.site.middleware import TextGZipMiddleware

    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING="gzip")
    pdf = HttpResponse(b"%PDF-1.7 " + b"0" * 5000, content_type="application/pdf")
    answer = TextGZipMiddleware(lambda _request: pdf)(request)
    assert not answer.has_header("Content-Encoding")


def _production_static_storage(tmp_path) -> str:
    """The static files storage production's settings name (read in a process of their own:
    production mode is decided when the settings load)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "innocluster.site.settings",
        "INNOCLUSTER_ENV": "production",
        "SECRET_KEY": "s" * 64,
        "ALLOWED_HOSTS": "cluster.example.org",
        "SITE_URL": "https://cluster.example.org",
        "REDIS_URL": "redis://127.0.0.1:6379/3",
        "EMAIL_URL": "dummymail://",
        "INNOCLUSTER_VAR_DIR": str(tmp_path),
    }
    code = "from django.conf import settings; print(settings.STORAGES['staticfiles']['BACKEND'])"
    command = [sys.executable, "-c", code]
    return subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout


def test_production_static_files_have_gzip_and_brotli_siblings(settings, tmp_path):
    """collectstatic with production's storage, over the platform's own static files (the
    admin's and Swagger's take a minute more of compressing and prove nothing more)."""
    backend = _production_static_storage(tmp_path).strip()
    assert backend == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": backend}}
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATICFILES_DIRS = [settings.PACKAGE_DIR / "static"]
    call_command("collectstatic", interactive=False, verbosity=0)

    static = tmp_path / "static"
    manifest = json.loads((static / "staticfiles.json").read_text())["paths"]
    stylesheets = [hashed for name, hashed in manifest.items() if name.endswith(".css")]
    assert stylesheets
    for hashed in stylesheets:
        assert (static / f"{hashed}.gz").exists(), hashed
        assert (static / f"{hashed}.br").exists(), hashed
