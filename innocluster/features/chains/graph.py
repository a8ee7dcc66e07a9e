"""The chain drawn as inline SVG on the server: who supplies whom, members grouped by sector.

The layout is a sector-grouped circle (a chord diagram): each sector takes an arc in
proportion to its members, with a gap between arcs; a link is a curve from the supplier to the
customer drawn towards the centre, in the supplier's sector's colour, with an arrow at the
customer while there are few enough links to tell them apart. It costs O(members + links):
1,000 members and 3,000 links draw in a few milliseconds (benchmarks/cluster_chain.py), where
a force-directed layout is O(n²) per step and needs numpy and scipy (networkx's). Large
chains share one <path> per colour, which keeps the page small; the table beside the drawing
carries every link for screen readers and for reading."""

import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

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
LABELS_UP_TO = 40  # members: their names around the circle; more go to the table
TITLES_UP_TO = 400  # members: a tooltip on each dot
ARROWS_UP_TO = 300  # links: one path each with an arrow; more share a path per colour


@dataclass
class Drawing:
    svg: SafeString
    legend: list[tuple[str, str, int]]  # (colour, sector name, members)


def sector_colours(chain: Chain) -> dict:
    return {
        sector_id: (PALETTE[i % len(PALETTE)] if sector_id is not None else NO_SECTOR_COLOUR)
        for i, (sector_id, _name, _n) in enumerate(chain.sectors())
    }


def layout(chain: Chain, radius: float) -> dict[int, tuple[float, float, float]]:
    """Each member's (x, y, angle) on a circle of `radius` around (0, 0), sector by sector."""
    sectors = chain.sectors()
    total = len(chain.nodes)
    if not total:
        return {}
    gap = 0.04 if len(sectors) > 1 else 0.0
    step = (2 * math.pi - gap * len(sectors)) / total
    by_sector: dict = {}
    for node in sorted(chain.nodes, key=lambda n: (n.name.casefold(), n.id)):
        by_sector.setdefault(node.sector_id, []).append(node)
    positions = {}
    angle = -math.pi / 2
    for sector_id, _name, _n in sectors:
        for node in by_sector[sector_id]:
            positions[node.id] = (radius * math.cos(angle), radius * math.sin(angle), angle)
            angle += step
        angle += gap
    return positions


def draw(chain: Chain, *, size: int = 640, title: str = "") -> Drawing:
    """The chain as an SVG element (safe to put in a page) and its legend."""
    colours = sector_colours(chain)
    legend = [(colours[pk], name or _("no industry named"), n) for pk, name, n in chain.sectors()]
    labelled = len(chain.nodes) <= LABELS_UP_TO
    margin = 150 if labelled else 12
    radius = size / 2 - margin
    half = size / 2
    positions = layout(chain, radius)
    sector_of = {node.id: node.sector_id for node in chain.nodes}
    dot = max(1.5, min(6.0, 900 / max(len(chain.nodes), 1)))
    parts = [
        f'<svg class="chain-graph" viewBox="{-half:g} {-half:g} {size} {size}" '
        f'role="img" aria-label="{escape(title or _("Supply chain"))}" '
        'xmlns="http://www.w3.org/2000/svg">'
    ]
    parts.append(_edges(chain, positions, sector_of, colours, dot))
    parts.append(_nodes(chain, positions, colours, dot, labelled, radius))
    parts.append("</svg>")
    return Drawing(mark_safe("".join(parts)), legend)  # noqa: S308 (every text escaped)


def _curve(p, q) -> str:
    # A quadratic curve whose control point sits between the chord's middle and the centre.
    # Whole units: the drawing is 640 units wide, so a unit is at most a pixel or two.
    cx, cy = (p[0] + q[0]) * 0.25, (p[1] + q[1]) * 0.25
    return f"M{p[0]:.0f} {p[1]:.0f}Q{cx:.0f} {cy:.0f} {q[0]:.0f} {q[1]:.0f}"


def _edges(chain, positions, sector_of, colours, dot) -> str:
    few = len(chain.edges) <= ARROWS_UP_TO
    by_colour: dict[str, list[str]] = {}
    out = []
    if few:
        for colour in set(colours.values()):
            marker = colour.lstrip("#")
            out.append(
                f'<marker id="arrow-{marker}" viewBox="0 0 10 10" refX="{10 + dot * 1.6:.1f}" '
                'refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
                f'<path d="M0 0L10 5L0 10z" fill="{colour}"/></marker>'
            )
        out = ["<defs>", *out, "</defs>"]
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
    opacity = max(0.08, min(0.6, 12 / math.sqrt(max(len(chain.edges), 1))))
    for colour, curves in by_colour.items():
        out.append(
            f'<path d="{"".join(curves)}" stroke="{colour}" stroke-opacity="{opacity:.2f}"/>'
        )
    return f'<g class="chain-links" fill="none" stroke-width="1.2">{"".join(out)}</g>'


def _nodes(chain, positions, colours, dot, labelled, radius) -> str:
    if len(chain.nodes) > TITLES_UP_TO:
        return _dots(chain, positions, colours, dot)
    out = ['<g class="chain-members">']
    titled = True
    for node in chain.nodes:
        x, y, angle = positions[node.id]
        colour = colours[node.sector_id]
        name = escape(node.name)
        tip = f"<title>{name}</title>" if titled else ""
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{dot:.1f}" fill="{colour}">{tip}</circle>'
        )
        if labelled:
            out.append(_label(node.name, angle, radius + dot + 6))
    out.append("</g>")
    return "".join(out)


def _dots(chain, positions, colours, dot) -> str:
    """Many members: a dot is a zero-length line with a round cap, one <path> per colour,
    a tenth of the bytes of a <circle> each (their names are in the table)."""
    by_colour: dict[str, list[str]] = {}
    for node in chain.nodes:
        x, y, _angle = positions[node.id]
        by_colour.setdefault(colours[node.sector_id], []).append(f"M{x:.0f} {y:.0f}h0")
    paths = "".join(
        f'<path d="{"".join(moves)}" stroke="{colour}"/>' for colour, moves in by_colour.items()
    )
    return (
        f'<g class="chain-members" stroke-width="{dot * 2:.1f}" stroke-linecap="round">{paths}</g>'
    )


def _label(name: str, angle: float, distance: float) -> str:
    """A name outside the circle, along its radius, never upside down."""
    degrees = math.degrees(angle)
    x, y = distance * math.cos(angle), distance * math.sin(angle)
    left = 90 < (degrees % 360) < 270
    rotate = degrees + 180 if left else degrees
    anchor = "end" if left else "start"
    short = name if len(name) <= 24 else name[:23] + "…"
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" dominant-baseline="middle" '
        f'transform="rotate({rotate:.1f} {x:.1f} {y:.1f})">{escape(short)}</text>'
    )
