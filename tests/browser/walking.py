"""The walk's loop, shared by the walks (test_walk.py's through every main page,
test_community_walk.py's, test_marketplace_walk.py's): open each page a person may see and
check it reads right (`page_problems`: no sideways scroll, no raw codes, no ISO dates, no
English), then each page hidden from them, which must be a 404 that reads right too; a
screenshot of each (under SCREENSHOT_DIR/walk, /tmp/walk by default)."""

import os
import re
from pathlib import Path
from urllib.parse import unquote

SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR", "/tmp")) / "walk"  # noqa: S108
WIDTHS = {"desk": (1366, 900), "phone": (390, 844)}

# A code shown raw: dotted (``support.award.granted``) or snake_case (``it_company``). E-mail
# and web addresses and file names are taken out of the text first: they are dotted by nature.
RAW_CODE = re.compile(r"(?<![\w.@/-])[a-z]+(?:_[a-z]+)*(?:\.[a-z]+(?:_[a-z]+)*)+(?![\w@/-])")
SNAKE_CASE = re.compile(r"(?<![\w.@/-])[a-z]+_[a-z_]+(?![\w@/-])")
ADDRESS = re.compile(
    r"\S+@\S+|\S+://\S+|\b[\w-]+\.(?:ru|io|com|org|net|local|example|pdf|png|jpe?g|csv|ics)\b"
)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# English words that only an untranslated string would put on a Russian page.
ENGLISH = re.compile(
    r"\b(?:None|True|False|Facility|Submit|Apply|Remove|Save|Cancel|Search|Sign (?:in|out|up)"
    r"|Account|Menu|Notifications|Status|Region|Organization|free|open|taken|closed|draft"
    r"|submitted|approved|rejected|participant|partner)\b"
)

# What the page shows a person, without the header's and footer's fixed links.
# The page's words, less what it shows as code (the ledger's guide to verifying offline has a
# script and a command): those are for copying, not reading.
VISIBLE_TEXT = """() => {
  const main = document.querySelector('main').cloneNode(true);
  main.querySelectorAll('pre, code, kbd, samp').forEach((element) => element.remove());
  document.body.appendChild(main);
  const text = main.innerText;
  main.remove();
  return text;
}"""
WIDTH = "() => [document.documentElement.scrollWidth, window.innerWidth]"


def page_problems(page, path: str) -> list[str]:
    """What is wrong with the page now open at `path`, in words."""
    problems = []
    scroll_width, inner_width = page.evaluate(WIDTH)
    if scroll_width > inner_width:
        problems.append(f"scrolls sideways ({scroll_width} px in {inner_width} px)")
    text = ADDRESS.sub(" ", page.evaluate(VISIBLE_TEXT))
    for name, pattern in [
        ("raw codes", RAW_CODE),
        ("snake_case codes", SNAKE_CASE),
        ("ISO dates", ISO_DATE),
        ("English words", ENGLISH),
    ]:
        if found := sorted(set(pattern.findall(text))):
            problems.append(f"{name} {found}")
    return [f"{path}: {problem}" for problem in problems]


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
        problems += page_problems(page, path)
        # goto follows redirects: a bounce to the sign-in page is no page of its own.
        if not unquote(page.url).endswith(path):
            problems.append(f"{path}: went on to {page.url}")
        page.screenshot(path=shots / f"{shot_name(path)}.png", full_page=True)
    for path in hidden:
        if (status := page.goto(live_server.url + path).status) != 404:
            problems.append(f"{path}: answered {status}, not 404")
        problems += page_problems(page, path)
        page.screenshot(path=shots / f"404-{shot_name(path)}.png", full_page=True)
    return problems
