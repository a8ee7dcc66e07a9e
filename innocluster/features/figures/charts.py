"""The public figures' charts: SVG drawn on the server with pygal, made accessible and fit for
a strict Content-Security-Policy.

pygal's output is changed in three ways: its inline <script> (the tooltips' configuration; the
tooltips' own script is on a CDN by default, which `js=[]` turns off) is removed; its <style>
element and style="" attributes, which the policy's `style-src 'self'` would block, are replaced
by a stylesheet served from our own address (`chart_stylesheet`) and presentation attributes;
and the root <svg> gets role="img", an aria-label and a <title> and <desc> (what a screen reader
reads, the table beside each chart giving the numbers).

The map of Russia's federal subjects is pygal-maps-ru 1.0.1.1. It does not render under pygal 3
as shipped: pygal parses the map with lxml, which refuses a str carrying an XML encoding
declaration (ValueError); `RussiaMap` hands it the same SVG as bytes.
"""

import html
import re
from functools import lru_cache

import pygal
from django.utils.html import escape
from pygal.style import Style
from pygal_maps_ru.maps import RUSSIA_MAP, Regions

# The federal subjects' tax codes (core/regions.py) → the map's ISO 3166-2:RU codes. The four
# regions added in 2022 (90, 93–95) are not on the map: its table still lists them.
_ISO_PAIRS = """
01:AD 02:BA 03:BU 04:AL 05:DA 06:IN 07:KB 08:KL 09:KC 10:KR 11:KO 12:ME 13:MO 14:SA
15:SE 16:TA 17:TY 18:UD 19:KK 20:CE 21:CU 22:ALT 23:KDA 24:KYA 25:PRI 26:STA 27:KHA
28:AMU 29:ARK 30:AST 31:BEL 32:BRY 33:VLA 34:VGG 35:VLG 36:VOR 37:IVA 38:IRK 39:KGD
40:KLU 41:KAM 42:KEM 43:KIR 44:KOS 45:KGN 46:KRS 47:LEN 48:LIP 49:MAG 50:MOS 51:MUR
52:NIZ 53:NGR 54:NVS 55:OMS 56:ORE 57:ORL 58:PNZ 59:PER 60:PSK 61:ROS 62:RYA 63:SAM
64:SAR 65:SAK 66:SVE 67:SMO 68:TAM 69:TVE 70:TOM 71:TUL 72:TYU 73:ULY 74:CHE 75:ZAB
76:YAR 77:MOW 78:SPE 79:YEV 83:NEN 86:KHM 87:CHU 89:YAN 91:CR 92:SEV
"""
ISO_BY_CODE = dict(pair.split(":") for pair in _ISO_PAIRS.split())

STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#1f2933",
    foreground_strong="#1f2933",
    foreground_subtle="#52606d",
    colors=("#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f"),
    font_family="system-ui, sans-serif",
    label_font_size=12,
    major_label_font_size=12,
    value_font_size=12,
    title_font_size=16,
    legend_font_size=13,
)
CONFIG = {
    "js": [],  # no tooltips' script from a CDN (nor from anywhere: the page has no chart script)
    "disable_xml_declaration": True,
    "style": STYLE,
    "show_legend": False,
    "width": 720,
    "height": 360,
    "margin": 16,
    "explicit_size": False,
    "print_values": False,
}


class RussiaMap(Regions):
    svg_map = RUSSIA_MAP.encode()


CHART_ID = re.compile(r"#chart-[0-9a-f-]{36}")
STYLE_ELEMENT = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
SCRIPT_ELEMENT = re.compile(r"<script[^>]*>.*?</script>|<script[^>]*/>", re.S)
STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
ROOT = re.compile(r"<svg ([^>]*)>")


def _attributes(match) -> str:
    """style="fill-opacity: 0.5; stroke: red" → fill-opacity="0.5" stroke="red"."""
    pairs = [p.split(":", 1) for p in match.group(1).split(";") if ":" in p]
    return "".join(f' {name.strip()}="{escape(value.strip())}"' for name, value in pairs)


def _accessible(svg: str, *, title: str, desc: str) -> str:
    svg = SCRIPT_ELEMENT.sub("", svg)
    svg = STYLE_ELEMENT.sub("", svg)
    svg = STYLE_ATTRIBUTE.sub(_attributes, svg)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    svg = svg.replace("<title>Pygal</title>", "")  # pygal's own, when no title is set
    label = escape(title)
    return ROOT.sub(
        lambda m: (
            f'<svg {m.group(1)} role="img" aria-label="{label}" focusable="false">'
            f"<title>{label}</title><desc>{escape(desc)}</desc>"
        ),
        svg,
        count=1,
    )


def _numbers(values) -> list[float]:
    return [float(v) for v in values]


def line_chart(*, title: str, desc: str, labels: list[str], values: list) -> str:
    chart = pygal.Line(**CONFIG, x_label_rotation=-30, show_minor_x_labels=False, fill=True)
    chart.x_labels = labels
    chart.x_labels_major_every = max(1, len(labels) // 8)
    chart.add(title, _numbers(values))
    return _accessible(chart.render(is_unicode=True), title=title, desc=desc)


def bar_chart(*, title: str, desc: str, labels: list[str], values: list) -> str:
    height = max(200, 28 * len(labels) + 60)
    chart = pygal.HorizontalBar(**{**CONFIG, "height": height})
    chart.x_labels = labels
    chart.add(title, _numbers(values))
    return _accessible(chart.render(is_unicode=True), title=title, desc=desc)


def region_map(*, title: str, desc: str, values: dict[str, object]) -> str:
    """`values` by the regions' tax codes; those not on the map are left out of it."""
    chart = RussiaMap(**{**CONFIG, "height": 400})
    chart.add(title, {ISO_BY_CODE[c]: float(v) for c, v in values.items() if c in ISO_BY_CODE})
    return _accessible(chart.render(is_unicode=True), title=title, desc=desc)


@lru_cache(maxsize=1)
def chart_stylesheet() -> str:
    """pygal's stylesheets for our style, for every chart (served as /figures/charts.css):
    the per-chart `#chart-<uuid>` selectors become `.pygal-chart`."""
    css = []
    for chart in (pygal.Line(**CONFIG), pygal.HorizontalBar(**CONFIG), RussiaMap(**CONFIG)):
        chart.add("", [1] if not isinstance(chart, RussiaMap) else {"MOW": 1})
        for block in STYLE_ELEMENT.findall(chart.render(is_unicode=True)):
            # lxml wrote the style element's text escaped (">" as "&gt;").
            block = CHART_ID.sub(".pygal-chart", html.unescape(block))
            if block not in css:
                css.append(block)
    return "\n".join(css) + "\n.pygal-chart{width:100%;height:auto;max-width:100%}\n"
