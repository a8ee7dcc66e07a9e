from django import template
from django.utils.translation import gettext as _

from .. import graph, selectors

register = template.Library()


@register.inclusion_tag("chains/includes/cluster_chain_section.html")
def cluster_chain_section(cluster):
    """A small drawing of the cluster's chain for its page, linking to the chain page."""
    chain = selectors.cluster_chain(cluster)
    drawing = graph.draw(chain, size=480, title=_("Supply chain of %s") % cluster.name)
    return {"cluster": cluster, "chain": chain, "drawing": drawing}
