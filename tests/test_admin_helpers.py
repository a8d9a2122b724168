"""Helpers for the admin tests: sign in a role, and submit an admin form as a browser would."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.forms import CheckboxInput, FileInput, MultiWidget

from jetportal.roles import ROLES

PASSWORD = "correct horse battery staple"


def staff_user(role, username=None):
    user = get_user_model().objects.create_user(username or f"{role}-user", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=ROLES[role].group_name))
    return user


def _field_data(bound_field):
    widget = bound_field.field.widget
    value = bound_field.value()
    if isinstance(widget, FileInput):
        return {}
    if isinstance(widget, CheckboxInput):
        return {bound_field.html_name: "on"} if widget.check_test(value) else {}
    if isinstance(widget, MultiWidget):
        values = value if isinstance(value, list | tuple) else widget.decompress(value)
        return {
            f"{bound_field.html_name}{suffix}": subwidget.format_value(part) or ""
            for suffix, subwidget, part in zip(widget.widgets_names, widget.widgets, values, strict=True)
        }
    if isinstance(value, list | tuple):
        return {bound_field.html_name: [str(item) for item in value]}
    formatted = widget.format_value(value)
    return {bound_field.html_name: "" if formatted is None else formatted}


def form_data(response, **changes):
    """The POST data of the admin change form in ``response``, as rendered, with ``changes``."""
    data = {}
    for bound_field in response.context["adminform"].form:
        data.update(_field_data(bound_field))
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        for bound_field in formset.management_form:
            data[bound_field.html_name] = bound_field.value()
        for form in formset.forms:
            for bound_field in form:
                data.update(_field_data(bound_field))
    data.update(changes)
    return data
