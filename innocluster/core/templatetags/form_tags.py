"""How every form's field is labelled (templates/includes/field.html, the filter panel)."""

from django import template
from django.utils.text import capfirst

register = template.Library()


@register.filter
def label_capitalized(bound_field) -> str:
    """A field's `<label>`, beginning with a capital letter. Labels are often a model field's
    verbose name or a FilterSet's label, lower case by Django's convention, and Django
    capitalizes only the labels it makes from field names («организация:» over a box)."""
    return bound_field.label_tag(contents=capfirst(bound_field.label))
