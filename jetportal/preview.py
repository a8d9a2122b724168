"""What signed-in staff get on public pages: the preview banner and an "Edit in admin" link.

The link is a per-visitor part of the page ({% personal %}, see jetportal.cache): the page
itself stays the same for everyone and may be cached, the link is rendered for each visitor
with a session and only for staff allowed to change the item.
"""

from django.urls import NoReverseMatch, reverse


def staff_context(obj):
    """Context for a page showing ``obj``: whether it is a preview, and what the edit link edits."""
    opts = obj._meta
    context = {"admin_item": {"app_label": opts.app_label, "model_name": opts.model_name, "pk": obj.pk}}
    if hasattr(obj, "is_public"):
        context["is_preview"] = not obj.is_public
    return context


def admin_change_url(user, app_label, model_name, pk):
    """The admin form of the item, if ``user`` is staff allowed to change it; else None."""
    if not (user and user.is_authenticated and user.is_staff):
        return None
    if not user.has_perm(f"{app_label}.change_{model_name}"):
        return None
    try:
        return reverse(f"admin:{app_label}_{model_name}_change", args=[pk])
    except NoReverseMatch:
        return None
