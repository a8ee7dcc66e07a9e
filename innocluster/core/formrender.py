"""Django's form renderer, with its commonest templates drawn in Python (issue 18).

A form field's label and widget are each a template of Django's own (`django/forms/…`), and
a select box is an `{% include %}` per option with another per option's attributes: the
reviewers' queue spent a quarter of its CPU drawing its five filters (`scripts/profile_page.py`).
`FormRenderer` draws the label, the attributes, the inputs and the select boxes with plain
string work, byte for byte what those templates draw (tests/core compare them, escaping
included), and hands every other template (and any that a project or an app overrides) to
Django's renderer as before.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.safestring import SafeData
from django.utils.timezone import template_localtime

from .markup import template_escape

FORMS = "django/forms/"
WIDGETS = FORMS + "widgets/"
# The widgets whose template is `{% include "django/forms/widgets/input.html" %}` and no more.
INPUTS = ["checkbox", "color", "date", "datetime", "email", "file", "hidden", "number"]
INPUTS += ["password", "search", "tel", "text", "time", "url"]


class FormRenderer(DjangoTemplates):
    """FORM_RENDERER: see the module's docstring."""

    def __init__(self):
        super().__init__()
        self._own = {}  # template name -> whether the engine finds Django's own file

    def render(self, template_name, context, request=None):
        draw = _DRAWN.get(template_name)
        if draw is None or not self._is_djangos(template_name):
            return super().render(template_name, context, request)
        html = draw(self, context)
        return super().render(template_name, context, request) if html is None else html

    def _is_djangos(self, template_name: str) -> bool:
        """Whether the engine's file for `template_name` is Django's own (an app or the
        project may override it: then the template draws it)."""
        own = self._own.get(template_name)
        if own is None:
            origin = self.get_template(template_name).origin.name
            own = self._own[template_name] = origin.replace("\\", "/").endswith(
                "django/forms/templates/" + template_name
            )
        return own


def _shown(value) -> str:
    """`{{ value }}`: in the current time zone, localized, escaped."""
    return template_escape(template_localtime(value))


def _formatted(value) -> str:
    """`{{ value|stringformat:'s' }}`: `"%s" % value`, escaped unless it was safe."""
    if isinstance(value, tuple):
        value = str(value)
    try:
        text = "%s" % value  # noqa: UP031 (the filter's own formatting, for any value)
    except (ValueError, TypeError):
        return ""
    return text if isinstance(value, SafeData) else template_escape(text)


def _attrs(attrs: dict | None) -> str:
    """django/forms/attrs.html and django/forms/widgets/attrs.html (a label without a `for`,
    as a radio group's, has None: nothing, as the template's loop over nothing)."""
    return "".join(
        f" {_shown(name)}" if value is True else f' {_shown(name)}="{_formatted(value)}"'
        for name, value in (attrs or {}).items()
        if value is not False
    )


def _input(widget: dict) -> str:
    """django/forms/widgets/input.html (what text.html, number.html … include)."""
    value = widget["value"]
    shown = "" if value is None else f' value="{_formatted(value)}"'
    return (
        f'<input type="{_shown(widget["type"])}" name="{_shown(widget["name"])}"{shown}'
        f"{_attrs(widget['attrs'])}>"
    )


def _option(widget: dict) -> str:
    """django/forms/widgets/select_option.html."""
    return (
        f'<option value="{_formatted(widget["value"])}"{_attrs(widget["attrs"])}>'
        f"{_shown(widget['label'])}</option>"
    )


def _select(renderer, context) -> str | None:
    """django/forms/widgets/select.html; None (the template draws it) for options of another
    template than Django's own."""
    widget = context["widget"]
    option_template = WIDGETS + "select_option.html"
    if not renderer._is_djangos(option_template):
        return None
    parts = [f'<select name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_shown(group_name)}">')
        for option in options:
            if option["template_name"] != option_template:
                return None
            # The include keeps the option template's own closing newline.
            parts.append(f"\n  {_option(option)}\n")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts).strip()


def _label(renderer, context) -> str:
    """django/forms/label.html."""
    label = _shown(context["label"])
    if not context["use_tag"]:
        return label.strip()
    tag = _shown(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{label}</{tag}>".strip()


_DRAWN = {
    FORMS + "label.html": _label,
    WIDGETS + "select.html": _select,
    **{f"{WIDGETS}{name}.html": lambda renderer, context: _input(context["widget"]).strip()
       for name in INPUTS},
}  # fmt: skip
