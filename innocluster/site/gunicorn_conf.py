"""gunicorn's settings under `innocluster serve` (`-c python:innocluster.site.gunicorn_conf`):
each worker warms up before it takes its first request (site/warmup.py)."""


def post_worker_init(worker):
    from innocluster.site.warmup import warm_up

    warm_up()
