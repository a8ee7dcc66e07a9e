"""The chain drawn as inline SVG on the server: who supplies whom, members grouped by sector.

The layout is igraph's (python-igraph, its compiled C core): a Fruchterman–Reingold force
layout started from the members placed on a circle sector by sector, with one invisible hub per
sector that its members are tied to, so that a sector's members stay together while the links
pull suppliers and customers near each other. From 300 members on, igraph's grid variant of the
algorithm (repulsion only from nearby cells) and fewer steps keep 1,000 members and 3,000 links
to a few tens of milliseconds (benchmarks/cluster_chain.py; igraph's Sugiyama layering took
1.4 s and Kamada–Kawai 1.5 s there, grandalf's pure-Python Sugiyama longer still). The drawing
itself is a string of SVG written here: a link is a slightly bent line from the supplier to the
customer in the supplier's sector's colour (so A→B and B→A stay apart), with an arrow at the
customer while there are few enough links to tell them apart; large chains share one <path> per
colour, which keeps the page small. The table beside the drawing carries every link for screen
readers and for reading; the SVG has its own <title> and <desc>."""

import math
import random
import threading
from dataclasses import dataclass

import igraph
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .selectors import Chain

# Colours that keep a 3:1 contrast on white and stay apart for the common colour blindness
# (Okabe–Ito, then Tol's muted); past twelve sectors the colours repeat with the legend.
PALETTE = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#882255",
    "#117733",
    "#332288",
    "#AA4499",
    "#44AA99",
    "#999933",
)
NO_SECTOR_COLOUR = "#6b6b6b"
LABELS_UP_TO = 40  # members: their names beside the dots; more go to the table
TITLES_UP_TO = 400  # members: a tooltip on each dot
ARROWS_UP_TO = 300  # links: one path each with an arrow; more share a path per colour
GRID_FROM = 300  # members: igraph's grid Fruchterman–Reingold, and fewer steps
LETTER_WIDTH, LINE_HEIGHT = 8.0, 15.0  # a name's box at 13 px (DejaVu Sans is wide), in units
HUB_WEIGHT = 8.0  # how strongly a member is tied to its sector's hub
ACROSS_WEIGHT = 0.3  # a link between two sectors (one within a sector weighs 1)

_LAYOUT_LOCK = threading.Lock()


@dataclass
class Drawing:
    svg: SafeString
    legend: list[tuple[str, str, int]]  # (colour, sector name, members)


def sector_colours(chain: Chain) -> dict:
    return {
        sector_id: (PALETTE[i % len(PALETTE)] if sector_id is not None else NO_SECTOR_COLOUR)
        for i, (sector_id, _name, _n) in enumerate(chain.sectors())
    }


def _start(chain: Chain, order: list, sectors: list) -> list[list[float]]:
    """Where the force layout starts: members on a circle sector by sector (as a chord
    diagram would place them), each sector's hub inside its arc. Deterministic, so the same
    chain is drawn the same way on every visit."""
    radius = math.sqrt(len(order)) or 1.0
    start: dict[int, list[float]] = {}
    sector_angles: dict = {}
    for i, node in enumerate(order):
        angle = 2 * math.pi * i / len(order)
        start[node.id] = [radius * math.cos(angle), radius * math.sin(angle)]
        sector_angles.setdefault(node.sector_id, []).append(angle)
    points = [start[node.id] for node in chain.nodes]
    for sector_id, _name, _n in sectors:
        angles = sector_angles[sector_id]
        middle = (angles[0] + angles[-1]) / 2
        points.append([0.6 * radius * math.cos(middle), 0.6 * radius * math.sin(middle)])
    return points


def layout(chain: Chain) -> dict[int, tuple[float, float]]:
    """Each member's (x, y), both within [-1, 1], by igraph's force layout (see above)."""
    nodes = chain.nodes
    if not nodes:
        return {}
    sectors = chain.sectors()
    index = {node.id: i for i, node in enumerate(nodes)}
    hub = {sector_id: len(nodes) + i for i, (sector_id, _n, _c) in enumerate(sectors)}
    sector_of = {node.id: node.sector_id for node in nodes}
    edges, weights = [], []
    for e in chain.edges:
        if e.supplier_id in index and e.customer_id in index:
            edges.append((index[e.supplier_id], index[e.customer_id]))
            same = sector_of[e.supplier_id] == sector_of[e.customer_id]
            weights.append(1.0 if same else ACROSS_WEIGHT)
    ties = [(index[node.id], hub[node.sector_id]) for node in nodes]
    graph = igraph.Graph(n=len(nodes) + len(hub), edges=edges + ties)
    weights += [HUB_WEIGHT] * len(ties)
    rank = {sector_id: i for i, (sector_id, _n, _c) in enumerate(sectors)}
    order = sorted(nodes, key=lambda n: (rank[n.sector_id], n.name.casefold(), n.id))
    large = len(nodes) >= GRID_FROM
    start = _start(chain, order, sectors)
    # igraph draws its random numbers from the one generator of the process (Python's `random`
    # by default): a fresh one with a fixed seed draws the same chain the same way every time,
    # and the lock keeps another thread of the worker from drawing from it meanwhile.
    with _LAYOUT_LOCK:
        igraph.set_random_number_generator(random.Random(len(nodes)))
        coords = graph.layout_fruchterman_reingold(
            weights=weights,
            niter=100 if large else 400,
            seed=start,
            grid="grid" if large else "nogrid",
        ).coords[: len(nodes)]
    return dict(zip((node.id for node in nodes), _fit(coords), strict=True))


def _fit(coords) -> list[tuple[float, float]]:
    """Scaled into [-1, 1] on each axis, centred: the drawing fills its square."""
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    sx = (max(xs) - min(xs)) / 2 or 1.0
    sy = (max(ys) - min(ys)) / 2 or 1.0
    return [((x - cx) / sx, (y - cy) / sy) for x, y in coords]


def draw(chain: Chain, *, size: int = 640, title: str = "") -> Drawing:
    """The chain as an SVG element (safe to put in a page) and its legend."""
    colours = sector_colours(chain)
    sectors = chain.sectors()
    legend = [(colours[pk], name or _("no industry named"), n) for pk, name, n in sectors]
    labelled = len(chain.nodes) <= LABELS_UP_TO
    dot = max(2.0, min(7.0, 600 / max(len(chain.nodes), 1)))
    # Names sit beside the dots: a labelled drawing keeps room for them on both sides.
    reach_x = size / 2 - (175 if labelled else dot + 2)
    reach_y = size / 2 - (16 if labelled else dot + 2)
    positions = {pk: (x * reach_x, y * reach_y) for pk, (x, y) in layout(chain).items()}
    half = size / 2
    heading = title or _("Supply chain")
    summary = _summary(chain, sectors)
    parts = [
        f'<svg class="chain-graph" viewBox="{-half:g} {-half:g} {size} {size}" role="img" '
        'aria-labelledby="chain-svg-title chain-svg-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="chain-svg-title">{escape(heading)}</title>'
        f'<desc id="chain-svg-desc">{escape(summary)}</desc>',
        _edges(chain, positions, colours, dot),
        _nodes(chain, positions, colours, dot, labelled),
        "</svg>",
    ]
    return Drawing(mark_safe("".join(parts)), legend)  # noqa: S308 (every text escaped)


def _summary(chain: Chain, sectors) -> str:
    members = ngettext("%(n)d member", "%(n)d members", len(chain.nodes)) % {"n": len(chain.nodes)}
    groups = ngettext("%(n)d sector", "%(n)d sectors", len(sectors)) % {"n": len(sectors)}
    links = ngettext(
        "%(n)d confirmed supply link", "%(n)d confirmed supply links", len(chain.edges)
    ) % {"n": len(chain.edges)}
    return _(
        "%(members)s from %(sectors)s, %(links)s; every link is also in the table beside "
        "the drawing."
    ) % {"members": members, "sectors": groups, "links": links}


def _curve(p, q) -> str:
    # A quadratic curve bent a tenth of its length to the right of its direction, so a link
    # and its reverse are two arcs. Whole units: a unit is at most a pixel or two.
    mx, my = (p[0] + q[0]) / 2, (p[1] + q[1]) / 2
    cx, cy = mx + (q[1] - p[1]) * 0.1, my - (q[0] - p[0]) * 0.1
    return f"M{p[0]:.0f} {p[1]:.0f}Q{cx:.0f} {cy:.0f} {q[0]:.0f} {q[1]:.0f}"


def _edges(chain, positions, colours, dot) -> str:
    few = len(chain.edges) <= ARROWS_UP_TO
    sector_of = {node.id: node.sector_id for node in chain.nodes}
    by_colour: dict[str, list[str]] = {}
    out = []
    if few:
        out.append("<defs>")
        for colour in sorted(set(colours.values())):
            out.append(
                f'<marker id="arrow-{colour.lstrip("#")}" viewBox="0 0 10 10" '
                f'refX="{10 + dot * 1.6:.1f}" refY="5" markerWidth="7" markerHeight="7" '
                f'orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="{colour}"/></marker>'
            )
        out.append("</defs>")
    for edge in chain.edges:
        p, q = positions.get(edge.supplier_id), positions.get(edge.customer_id)
        if p is None or q is None:
            continue
        colour = colours[sector_of[edge.supplier_id]]
        if few:
            out.append(
                f'<path d="{_curve(p, q)}" stroke="{colour}" '
                f'marker-end="url(#arrow-{colour.lstrip("#")})"/>'
            )
        else:
            by_colour.setdefault(colour, []).append(_curve(p, q))
    # The more links, the fainter each: where many cross, the busy routes still show.
    opacity = max(0.08, min(0.7, 12 / math.sqrt(max(len(chain.edges), 1))))
    for colour, curves in by_colour.items():
        out.append(
            f'<path d="{"".join(curves)}" stroke="{colour}" stroke-opacity="{opacity:.2f}"/>'
        )
    return f'<g class="chain-links" fill="none" stroke-width="1.2">{"".join(out)}</g>'


def _nodes(chain, positions, colours, dot, labelled) -> str:
    if len(chain.nodes) > TITLES_UP_TO:
        return _dots(chain, positions, colours, dot)
    out = ['<g class="chain-members">']
    for node in chain.nodes:
        x, y = positions[node.id]
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{dot:.1f}" fill="{colours[node.sector_id]}">'
            f"<title>{escape(node.name)}</title></circle>"
        )
    if labelled:
        out.extend(_labels(chain, positions, dot + 4))
    out.append("</g>")
    return "".join(out)


def _labels(chain, positions, gap: float) -> list[str]:
    """Names beside their dots, on the outer side, the busiest members first; a name that
    would cover one already placed is left out (every dot has its name as a tooltip, and the
    table has them all)."""
    degree: dict[int, int] = {}
    for edge in chain.edges:
        degree[edge.supplier_id] = degree.get(edge.supplier_id, 0) + 1
        degree[edge.customer_id] = degree.get(edge.customer_id, 0) + 1
    placed: list[tuple[float, float, float, float]] = []
    out = []
    for node in sorted(chain.nodes, key=lambda n: (-degree.get(n.id, 0), n.id)):
        x, y = positions[node.id]
        short = node.name if len(node.name) <= 20 else node.name[:19] + "…"
        width = len(short) * LETTER_WIDTH
        left = x < 0
        x0 = x - gap - width if left else x + gap
        box = (x0, y - LINE_HEIGHT / 2, x0 + width, y + LINE_HEIGHT / 2)
        if any(_overlap(box, other) for other in placed):
            continue
        placed.append(box)
        out.append(
            f'<text x="{x - gap if left else x + gap:.1f}" y="{y:.1f}" '
            f'text-anchor="{"end" if left else "start"}" dominant-baseline="middle" '
            f'paint-order="stroke" stroke="#fff" stroke-width="3">{escape(short)}</text>'
        )
    return out


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _dots(chain, positions, colours, dot) -> str:
    """Many members: a dot is a zero-length line with a round cap, one <path> per colour,
    a tenth of the bytes of a <circle> each (their names are in the table)."""
    by_colour: dict[str, list[str]] = {}
    for node in chain.nodes:
        x, y = positions[node.id]
        by_colour.setdefault(colours[node.sector_id], []).append(f"M{x:.0f} {y:.0f}h0")
    paths = "".join(
        f'<path d="{"".join(moves)}" stroke="{colour}"/>' for colour, moves in by_colour.items()
    )
    return (
        f'<g class="chain-members" stroke-width="{dot * 2:.1f}" stroke-linecap="round">{paths}</g>'
    )
