"""Template tags that render Django forms with NHS.UK frontend markup (loaded as a builtin in every template).

{% nhs_field form.email %} renders one field: label or legend, hint, error message and control, wired together
with aria-describedby. {% error_summary form %} renders the error summary, each error linking to its field.
"""

from django import forms, template

from common import suppression
from common.fields import DATE_PARTS, NHSDateInput
from common.suppression import suppress

register = template.Library()


def choice_group(field) -> str | None:
    """'radios' or 'checkboxes' for option groups (subclasses included), else None."""
    widget = field.field.widget
    # CheckboxSelectMultiple subclasses RadioSelect in Django, so it must be tested first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    return None


CONTROL_CLASSES = {
    "select": "nhsuk-select",
    "textarea": "nhsuk-textarea",
    "checkbox": "nhsuk-checkboxes__input",
    "clearablefile": "nhsuk-file-upload",
    "file": "nhsuk-file-upload",
}


def field_anchor(field) -> str:
    """The id an error summary link jumps to: the control itself, the first option of a group, or a date's day."""
    if isinstance(field.field.widget, NHSDateInput):
        return f"{field.auto_id}_day"
    if choice_group(field):
        subwidgets = list(field.subwidgets)
        if subwidgets:
            return subwidgets[0].data["attrs"]["id"]
    return field.auto_id


def _described_by(field) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.inclusion_tag("includes/field.html")
def nhs_field(field, label_size="s", width=""):
    widget_type = field.widget_type
    described_by = _described_by(field)
    context = {
        "field": field,
        "label_size": label_size,
        "described_by": described_by,
        "group": choice_group(field),
        "is_checkbox": widget_type == "checkbox",
    }
    if isinstance(field.field.widget, NHSDateInput):
        context["described_by"] = " ".join(
            [f"{field.auto_id}-hint"] + ([f"{field.auto_id}-error"] if field.errors else [])
        )
        values = field.field.widget.decompress(field.value())
        context["date_parts"] = [
            {"id": f"{field.auto_id}_{part}", "name": f"{field.html_name}_{part}", "label": part.capitalize(),
             "value": "" if value is None else value, "width": 4 if part == "year" else 2}
            for part, value in zip(DATE_PARTS, values, strict=True)
        ]  # fmt: skip
        return context
    if context["group"]:
        context["options"] = [
            {
                "id": sub.data["attrs"]["id"],
                "name": sub.data["name"],
                "value": sub.data["value"],
                "label": sub.data["label"],
                "checked": sub.data["selected"],
                "data_attrs": {k: v for k, v in sub.data["attrs"].items() if k.startswith("data-")},
            }
            for sub in field.subwidgets
        ]
        return context
    css = CONTROL_CLASSES.get(widget_type, "nhsuk-input")
    if field.errors:
        css += f" {css.split('__')[0]}--error" if widget_type != "checkbox" else ""
    if width:
        css += f" nhsuk-input--width-{width}"
    attrs = {"class": css}
    if described_by:
        attrs["aria-describedby"] = described_by
    context["control"] = field.as_widget(attrs=attrs)
    return context


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms):
    errors = []
    for form in forms:
        if form is None or not form.errors:
            continue
        errors += [{"anchor": "", "message": message} for message in form.non_field_errors()]
        for field in form:
            errors += [{"anchor": field_anchor(field), "message": message} for message in field.errors]
    return {"errors": errors}


@register.filter
def shown_outside(count) -> str:
    """{{ count|shown_outside }}: for figures shown outside the organisation they describe (under 5 hidden, the
    rest rounded to the nearest 5)."""
    return suppression.shown_outside(int(count or 0))


@register.filter
def suppress_small(count) -> str:
    """{{ count|suppress_small }}: for figures shown outside the organisation they describe."""
    return suppress(int(count or 0))
