"""What signed-in staff get on public pages: the preview banner and an "Edit in admin" link.

The link is a per-visitor part of the page ({% personal %}, see jetportal.cache): the page
itself stays the same for everyone and may be cached, the link is rendered for each visitor
with a session and only for staff allowed to change the item.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


def staff_context(obj):
    """Context for a page showing ``obj``: whether it is a preview, and what the edit link edits."""
    opts = obj._meta
    context = {"admin_item": {"app_label": opts.app_label, "model_name": opts.model_name, "pk": obj.pk}}
    if hasattr(obj, "is_public"):
        context["is_preview"] = not obj.is_public
    return context


@dataclass(frozen=True)
class StaffRights:
    """What a staff user may change, read once (see jetportal.staff_hint.staff_memo)."""

    everything: bool
    permissions: frozenset

    def may_change(self, app_label, model_name):
        return self.everything or f"{app_label}.change_{model_name}" in self.permissions


def staff_rights(user):
    """``user``'s rights for the "Edit in admin" link, or None if they are not active staff."""
    if not (user and user.is_authenticated and user.is_staff and user.is_active):
        return None
    if user.is_superuser:
        return StaffRights(True, frozenset())
    return StaffRights(False, frozenset(user.get_all_permissions()))


def admin_change_url(rights, app_label, model_name, pk):
    """The admin form of the item, if ``rights`` (staff_rights) allow changing it; else None."""
    if rights is None or not rights.may_change(app_label, model_name):
        return None
    try:
        return reverse(f"admin:{app_label}_{model_name}_change", args=[pk])
    except NoReverseMatch:
        return None
