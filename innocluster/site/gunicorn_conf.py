"""gunicorn's settings under `innocluster serve` (`-c python:innocluster.site.gunicorn_conf`):
each worker warms up before it takes its first request (site/warmup.py)."""

# gunicorn 25+ opens a control socket at one path per user ($HOME/.gunicorn/gunicorn.ctl):
# a second server on the host took it over, and `gunicornc` would then resize or stop the
# wrong one. `innocluster serve` is managed through its own process, not through that socket.
control_socket_disable = True


def post_worker_init(worker):
    from innocluster.site.warmup import warm_up

    warm_up()
