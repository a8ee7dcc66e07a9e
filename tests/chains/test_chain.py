"""A cluster's chain (confirmed links among its members, grouped by sector), its drawing, the
gaps, and the demo links."""

import math
import random

import pytest

from innocluster.features.chains import graph, selectors, services
from innocluster.features.chains.demo import demo_chains
from innocluster.features.chains.models import SupplyLink
from innocluster.features.chains.selectors import Chain, ChainEdge, ChainNode
from tests.factories import OrganizationFactory, ProductFactory

from .conftest import make_cluster, record

pytestmark = pytest.mark.django_db


def test_the_chain_has_only_confirmed_links_among_members(
    cluster, confirmed, supplier, supplier_owner, customer, django_assert_num_queries
):
    outside = OrganizationFactory()
    record(supplier, supplier_owner, outside, subject="Вне кластера")
    record(supplier, supplier_owner, customer, subject="Ещё не подтверждено")
    with django_assert_num_queries(4):
        chain = selectors.cluster_chain(cluster)
    assert {node.id for node in chain.nodes} == {supplier.pk, customer.pk}
    assert [edge.id for edge in chain.edges] == [confirmed.pk]
    sectors = {node.id: node.sector for node in chain.nodes}
    assert sectors == {supplier.pk: "Robotics", customer.pk: ""}


def test_an_ended_link_leaves_the_chain(cluster, confirmed, customer_editor):
    services.supply_link_end(link=confirmed, actor=customer_editor)
    assert selectors.cluster_chain(cluster).edges == []


def test_gaps_are_needed_categories_no_member_supplies(supplier, customer):
    ProductFactory(organization=supplier, category="software")
    ProductFactory(organization=OrganizationFactory(), category="medical")  # not a member
    needs = [
        ("software", "Система учёта", "Проект А"),
        ("medical", "Тонометры", "Проект Б"),
        ("hardware", "Датчики", "Проект Б"),
    ]
    gaps = selectors.chain_gaps(needs, [supplier.pk, customer.pk])
    assert [(g.category, g.project) for g in gaps] == [
        ("medical", "Проект Б"),
        ("hardware", "Проект Б"),
    ]
    assert gaps[0].category_name == "medical product"


def test_needs_of_cluster_is_not_wired_yet(cluster):
    assert selectors.needs_of_cluster(cluster) == []


def synthetic(members: int, links: int, sectors: int = 8) -> Chain:
    rng = random.Random(1)
    nodes = [
        ChainNode(i, f"Организация <{i}>", i % sectors, f"Отрасль {i % sectors}")
        for i in range(members)
    ]
    edges = []
    for i in range(links):
        a, b = rng.sample(range(members), 2)
        edges.append(ChainEdge(i, a, b, "x", None))
    return Chain(nodes, edges)


def test_a_small_chain_is_drawn_with_names_arrows_title_and_desc():
    svg = str(graph.draw(synthetic(10, 12), title="Цепочка <A>").svg)
    assert svg.count("<circle") == 10 and svg.count("marker-end") == 12
    assert "Организация &lt;3&gt;" in svg and "<3>" not in svg  # names escaped
    assert 1 <= svg.count("<text") <= 10  # names where they fit; every dot has a tooltip
    assert '<title id="chain-svg-title">Цепочка &lt;A&gt;</title>' in svg
    assert 'aria-labelledby="chain-svg-title chain-svg-desc"' in svg and "<desc " in svg


def test_names_never_cover_each_other():
    import html
    import re

    svg = str(graph.draw(synthetic(40, 60)).svg)
    boxes = []
    for x, y, anchor, name in re.findall(
        r'<text x="([-\d.]+)" y="([-\d.]+)" text-anchor="(\w+)"[^>]*>([^<]*)</text>', svg
    ):
        width = len(html.unescape(name)) * graph.LETTER_WIDTH - 0.2  # less the rounding
        x0 = float(x) - width if anchor == "end" else float(x)
        boxes.append((x0, float(y) - 7.4, x0 + width, float(y) + 7.4))
    assert len(boxes) >= 10
    assert not any(graph._overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def test_a_large_chain_shares_a_path_per_colour_and_has_no_labels():
    chain = synthetic(1000, 3000)
    drawing = graph.draw(chain)
    svg = str(drawing.svg)
    assert svg.count("h0") == 1000 and "<text" not in svg and "marker-end" not in svg
    assert svg.count("<path d=") == 16  # links and members: one path each per sector colour
    assert svg.count("Q") >= 3000
    assert [count for _c, _n, count in drawing.legend] == [125] * 8
    assert len(svg) < 100_000


def test_the_layout_is_igraphs_fills_the_square_and_groups_sectors():
    chain = synthetic(60, 40, sectors=3)
    positions = graph.layout(chain)
    assert graph.layout(chain) == positions  # the same chain is drawn the same way
    points = {(round(x, 3), round(y, 3)) for x, y in positions.values()}
    assert len(points) == 60
    xs = [x for x, _y in positions.values()]
    ys = [y for _x, y in positions.values()]
    assert min(xs) == pytest.approx(-1) and max(xs) == pytest.approx(1)
    assert min(ys) == pytest.approx(-1) and max(ys) == pytest.approx(1)

    # Members are nearer the centre of their own sector than the other sectors' centres.
    def centre(sector):
        mine = [positions[n.id] for n in chain.nodes if n.sector_id == sector]
        return sum(p[0] for p in mine) / len(mine), sum(p[1] for p in mine) / len(mine)

    centres = {s: centre(s) for s in range(3)}
    nearest_own = sum(
        min(centres, key=lambda s: math.dist(centres[s], positions[n.id])) == n.sector_id
        for n in chain.nodes
    )
    assert nearest_own >= 50


def test_an_empty_chain_draws_an_empty_figure():
    drawing = graph.draw(Chain([], []))
    assert graph.layout(Chain([], [])) == {} and "<svg" in str(drawing.svg)


def test_demo_chains_links_members_about_three_times_each():
    members = [OrganizationFactory() for _ in range(12)]
    for organization in members[:4]:
        ProductFactory(organization=organization)
    cluster = make_cluster(members[0], members[1:])
    created = demo_chains([cluster], random.Random(7))
    links = SupplyLink.objects.all()
    assert created == links.count() and 30 <= created <= 36
    assert not links.filter(supplier=models_f("customer")).exists()
    assert links.filter(state="confirmed").count() >= created * 0.8
    assert demo_chains([[m.pk for m in members]], random.Random(7)) < created  # no duplicates
    keys = list(links.values_list("supplier", "customer", "subject_key", "state"))
    live = [k[:3] for k in keys if k[3] in ("pending", "confirmed")]
    assert len(live) == len(set(live))


def models_f(name):
    from django.db.models import F

    return F(name)


def test_a_link_whose_period_is_over_is_not_in_the_chain(
    cluster, supplier, supplier_owner, customer, customer_editor
):
    import datetime

    past = record(
        supplier,
        supplier_owner,
        customer,
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2021, 1, 1),
    )
    services.supply_link_confirm(link=past, actor=customer_editor)
    assert selectors.cluster_chain(cluster).edges == []
