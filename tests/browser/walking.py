"""The walk's loop, shared by the walks of one part of the site (test_community_walk.py,
test_marketplace_walk.py): open each page a person may see and check it reads right
(test_walk.py's checks: no sideways scroll, no raw codes, no ISO dates, no English), then
each page hidden from them, which must be a 404 that reads right too; a screenshot of each."""

import re
from pathlib import Path
from urllib.parse import unquote

from tests.browser.test_walk import _problems


def shot_name(path: str) -> str:
    return re.sub(r"[^\w]+", "_", path).strip("_") or "home"


def walk(page, live_server, *, shots: Path, seen=(), hidden=()) -> list[str]:
    """What is wrong, in words, with the pages `seen` (each answers 200 where it was asked,
    not after a redirect) and `hidden` (each a 404) for the person signed in on `page`;
    the screenshots go to the folder `shots`."""
    shots.mkdir(parents=True, exist_ok=True)
    problems = []
    for path in seen:
        response = page.goto(live_server.url + path)
        if response.status != 200:
            problems.append(f"{path}: answered {response.status}")
            continue
        problems += _problems(page, path)
        # goto follows redirects: a bounce to the sign-in page is no page of its own.
        if not unquote(page.url).endswith(path):
            problems.append(f"{path}: went on to {page.url}")
        page.screenshot(path=shots / f"{shot_name(path)}.png", full_page=True)
    for path in hidden:
        if (status := page.goto(live_server.url + path).status) != 404:
            problems.append(f"{path}: answered {status}, not 404")
        problems += _problems(page, path)
        page.screenshot(path=shots / f"404-{shot_name(path)}.png", full_page=True)
    return problems
