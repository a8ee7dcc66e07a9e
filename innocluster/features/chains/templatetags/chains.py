from django import template
from django.utils.translation import gettext as _

from .. import graph, selectors

register = template.Library()


# Up to this many members the cluster's page draws the chain itself; a larger one (1,100
# members, 3,000 links) costs tens of milliseconds to read and draw, so the page names the
# figure and links to the chain's own page instead.
DRAWN_ON_CLUSTER_PAGE = 150


@register.inclusion_tag("chains/includes/cluster_chain_section.html")
def cluster_chain_section(cluster, member_count):
    """The cluster page's chain: a small drawing (or, for a large cluster, the number of
    links), linking to the chain page."""
    if member_count > DRAWN_ON_CLUSTER_PAGE:
        count = selectors.confirmed_link_count(cluster=cluster)
        return {"cluster": cluster, "link_count": count, "drawing": None}
    chain = selectors.cluster_chain(cluster)
    drawing = graph.draw(chain, size=480, title=_("Supply chain of %s") % cluster.name)
    return {"cluster": cluster, "link_count": len(chain.edges), "drawing": drawing}
