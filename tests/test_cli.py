"""The operator's command, run as a newcomer would: migrate, then serve with gunicorn and the
task worker, and the platform answers over HTTP."""

import gc
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TASKS_BACKEND")}
    return {**env, "INNOCLUSTER_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": ""}


@pytest.fixture(scope="module")
def migrated_var_dir(tmp_path_factory):
    """One migrate from scratch for the module: it takes a minute or more on a loaded machine, and
    each test only needs a migrated database of its own (a copy)."""
    var_dir = tmp_path_factory.mktemp("migrated")
    env = _environment(var_dir)
    env.pop("DJANGO_SETTINGS_MODULE")
    _innocluster("migrate", "--no-input", env=env, timeout=600)
    return var_dir


@pytest.fixture
def migrated_env(migrated_var_dir, tmp_path):
    """The environment of a command run against a fresh copy of the migrated database."""
    shutil.copytree(migrated_var_dir, tmp_path, dirs_exist_ok=True)
    env = _environment(tmp_path)
    env.pop("DJANGO_SETTINGS_MODULE")
    return env


def _innocluster(*args, env, **kwargs):
    command = [sys.executable, "-m", "innocluster.site.cli", *args]
    return subprocess.run(command, env=env, check=True, capture_output=True, text=True, **kwargs)


def _serve_command(port: int, *extra: str) -> list[str]:
    serve = ["innocluster.site.cli", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
    return [sys.executable, "-m", *serve, *extra]


def _wait_for(url: str, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (our own server)
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_migrate_then_serve_with_gunicorn_and_the_worker(migrated_env):
    env = migrated_env
    # A second migrate finds nothing to do: the copy is complete.
    assert "No migrations to apply" in _innocluster("migrate", "--no-input", env=env).stdout
    port = _free_port()
    server = subprocess.Popen(
        _serve_command(port),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert _wait_for(f"http://127.0.0.1:{port}/healthz") == '{"status": "ok"}'
        assert "innocluster" in _wait_for(f"http://127.0.0.1:{port}/")
        worker = subprocess.run(
            ["pgrep", "-f", "innocluster.site.cli db_worker --no-reload"], capture_output=True
        )
        assert worker.returncode == 0, "the task worker is not running, or with the reloader"
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "gunicorn" in output.lower() or "Booting worker" in output, output
    # The web worker compiled the pages before its first request (site/warmup.py).
    assert "Worker warmed up" in output, output
    # No control socket shared by every gunicorn of the user (site/gunicorn_conf.py).
    assert "Control socket listening" not in output, output


def test_createuser_from_the_console(migrated_env):
    env = migrated_env
    result = _innocluster(
        "createuser",
        "--email",
        "chief@fund.ru",
        "--role",
        "admin",
        "--password",
        "a-long-admin-password-1",
        env=env,
        timeout=60,
    )
    assert "Created chief@fund.ru (admin)" in result.stdout


def test_serve_fails_when_the_port_is_taken(tmp_path):
    env = _environment(tmp_path)
    env.pop("DJANGO_SETTINGS_MODULE")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            _serve_command(port, "--no-worker"),
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
    assert result.returncode != 0, result.stdout + result.stderr


def test_letters_link_to_where_serve_listens_unless_site_url_is_set():
    from innocluster.site.cli import site_url_for

    assert site_url_for("127.0.0.1:8765") == "http://127.0.0.1:8765"
    assert site_url_for("0.0.0.0:9000") == "http://127.0.0.1:9000"
    assert site_url_for("cluster.local:80") == "http://cluster.local:80"


def test_the_worker_runs_the_autoreloader_only_when_asked(monkeypatch):
    from innocluster.site.cli import worker_command

    monkeypatch.setenv("TASKS_BACKEND", "database")
    assert worker_command()[-2:] == ["db_worker", "--no-reload"]
    assert worker_command(reload=True)[-2:] == ["db_worker", "--reload"]


def test_serve_reloads_gunicorn_only_when_asked_and_always_warms_it_up():
    import argparse

    from innocluster.site.cli import web_command

    args = argparse.Namespace(bind="127.0.0.1:8000", workers=2, threads=4, reload=False)
    command = web_command(args)
    assert "--reload" not in command
    assert command[command.index("--config") + 1] == "python:innocluster.site.gunicorn_conf"
    assert "--reload" in web_command(argparse.Namespace(**{**vars(args), "reload": True}))


def test_warming_up_compiles_every_page_before_the_first_request():
    from django.template import engines

    from innocluster.site.gunicorn_conf import post_worker_init

    loader = engines["django"].engine.template_loaders[0]  # the cached loader
    loader.reset()
    gc.unfreeze()
    try:
        post_worker_init(worker=None)
        compiled = set(loader.get_template_cache)
        # and what the worker holds by then is out of the collector's sight (issue 20)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()  # the tests after this one are no server: let their garbage go
    assert {"base.html", "home.html", "directory/search.html"} <= compiled
