"""`innocluster`: the operator's command. Every sub-command is a manage.py command, plus
`serve`, which runs the production WSGI server (gunicorn), the background-task worker and the
scheduler of daily jobs.

    innocluster migrate
    innocluster createuser --email a@b.ru --role reviewer
    innocluster demo-data --orgs 1000
    innocluster serve [--bind 127.0.0.1:8000] [--workers 3] [--threads 4] [--reload]
"""

import argparse
import contextlib
import os
import signal
import subprocess
import sys

# Sub-commands spelled with a dash for people, mapped to manage.py's names.
ALIASES = {"demo-data": "demo_data"}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innocluster.site.settings")
    if argv and argv[0] == "serve":
        sys.exit(serve(argv[1:]))
    if argv:
        argv[0] = ALIASES.get(argv[0], argv[0])
    from django.core.management import execute_from_command_line

    execute_from_command_line(["innocluster", *argv])


def serve(argv: list[str]) -> int:
    """Run gunicorn, the task worker and the daily scheduler side by side; stop them all when
    any one stops."""
    parser = argparse.ArgumentParser(prog="innocluster serve")
    parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"))
    # 3 processes × 4 threads on the project's 2 cores, from measurements (issue 18; README,
    # "Workers on 2 cores"): against 2 × 4, 2 × 2 and 3 × 1 on 35,000 organizations with 8
    # clients, 3 × 4 served the mix at the least CPU per request and the most requests a
    # second; 3 × 1 (fewer slots than clients) was the worst. Python's GIL lets one thread of
    # a process compute at a time, so a third process keeps both cores busy while another
    # waits on SQLite, Redis or the network; the threads cover those waits within a process.
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "3")))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "4")))
    parser.add_argument(
        "--reload",
        action="store_true",
        help="development: restart the web workers and the task worker when the code changes",
    )
    parser.add_argument("--no-worker", action="store_true", help="do not start the task worker")
    parser.add_argument(
        "--no-scheduler",
        action="store_true",
        help="do not start the scheduler of daily jobs (safe to run on every host: a job is "
        "claimed once a day in the database)",
    )
    args = parser.parse_args(argv)
    # Letters link to SITE_URL; unset in development, it is where this server listens (the
    # workers and the scheduler, started below, inherit it). Production requires it set.
    os.environ.setdefault("SITE_URL", site_url_for(args.bind))
    processes = [subprocess.Popen(web_command(args))]  # noqa: S603 (our own interpreter, arguments)
    if not args.no_worker:
        processes.append(subprocess.Popen(worker_command(reload=args.reload)))  # noqa: S603
    if not args.no_scheduler:
        processes.append(subprocess.Popen(_scheduler_command()))  # noqa: S603
    print(f"Starting innocluster at http://{args.bind}/ (Ctrl+C stops it)", flush=True)
    return _wait_for_any(processes)


def site_url_for(bind: str) -> str:
    """http://host:port for a --bind address; a wildcard host reads as this machine."""
    host, _colon, port = bind.rpartition(":")
    if host in ("", "0.0.0.0", "[::]", "::"):  # noqa: S104 (naming it, not binding to it)
        host = "127.0.0.1"
    return f"http://{host}:{port}"


def web_command(args: argparse.Namespace) -> list[str]:
    """gunicorn, its workers warmed up before their first request (site/gunicorn_conf.py)."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "innocluster.site.wsgi:application",
        "--config",
        "python:innocluster.site.gunicorn_conf",
        "--bind",
        args.bind,
        "--workers",
        str(args.workers),
        "--threads",
        str(args.threads),
        "--access-logfile",
        "-",
        "--forwarded-allow-ips",
        "127.0.0.1",
    ]
    return [*command, "--reload"] if args.reload else command


def worker_command(*, reload: bool = False) -> list[str]:
    if os.environ.get("TASKS_BACKEND", "database") == "rq":
        # RQ's own Job class cannot run a django-tasks Task ("'Task' object is not callable"):
        # the worker needs django-tasks-rq's. rqworker has no reloader.
        command = ["rqworker", "--job-class", "django_tasks_rq.Job"]
    else:
        # db_worker runs Django's autoreloader whenever DEBUG is on, which re-reads every
        # module's files each second beside the tasks: only when asked.
        command = ["db_worker", "--reload" if reload else "--no-reload"]
    return [sys.executable, "-m", "innocluster.site.cli", *command]


def _scheduler_command() -> list[str]:
    return [sys.executable, "-m", "innocluster.site.cli", "scheduler"]


def _wait_for_any(processes: list[subprocess.Popen]) -> int:
    def stop(*_):
        for process in processes:
            if process.poll() is None:
                process.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    first_status = 0
    with contextlib.suppress(ChildProcessError):
        _pid, status = os.wait()  # returns when the first child exits
        first_status = os.waitstatus_to_exitcode(status)
    stop()
    others = [p.wait() for p in processes if p.returncode is None]
    # The child that ended first decides: a web server that failed to start is a failure,
    # even though the worker stopped cleanly when told to.
    return first_status or max([0, *others])


if __name__ == "__main__":
    main()
