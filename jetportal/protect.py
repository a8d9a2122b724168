"""Nothing in use is deleted silently.

A foreign key to something in use is ``on_delete=PROTECT``, and the admin's delete page (and
its bulk "Delete selected" action) lists what uses it instead of deleting. A many-to-many link
(an update's audiences) has no such database rule, so the admin applies the same check: an
item that others are linked to is listed as protected by them.
"""

from django.contrib.admin.utils import quote
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst


def many_to_many_users(model, objs):
    """Every object linked to one of ``objs`` through a many-to-many field of another model, once each.

    One query per relation however many objects are selected: "Delete selected" may be given a
    whole change list.
    """
    for relation in model._meta.related_objects:
        if relation.many_to_many:
            users = relation.related_model._default_manager.filter(**{f"{relation.field.name}__in": objs})
            yield from users.distinct()


def _describe(admin_site, obj):
    # The same form as Django's own list of protected objects: "Update: <link>title</link>".
    opts = obj._meta
    label = capfirst(opts.verbose_name)
    if type(obj) not in admin_site._registry:
        return format_html("{}: {}", label, obj)
    try:
        url = reverse(f"{admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)])
    except NoReverseMatch:
        return format_html("{}: {}", label, obj)
    return format_html('{}: <a href="{}">{}</a>', label, url, obj)


class InUseProtectionMixin:
    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        users = [_describe(self.admin_site, user) for user in many_to_many_users(self.model, objs)]
        return deleted, counts, perms_needed, [*protected, *users]
