"""The hand-over of a winning entry to pilot testing, without importing the pilots app.

Features never import each other's internals, so the pilots app registers its function here
when it loads (its AppConfig.ready):

    from innocluster.features.challenges import hooks
    hooks.register_winner_pilot(create_pilot_from_entry)

The function is called with the winning entry inside the transaction that publishes the
results; it creates the pilot at its agreement step and returns something that names it (its
pk or number), which the entry keeps. With nothing registered, publishing still works: the
entry records no hand-over and a warning is logged (services._start_winner_pilot)."""

from collections.abc import Callable

_winner_pilot: Callable | None = None


def register_winner_pilot(function: Callable) -> None:
    global _winner_pilot
    _winner_pilot = function


def winner_pilot_hook() -> Callable | None:
    return _winner_pilot
