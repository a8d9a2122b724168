"""History in the admin: messages in the reader's language, and comparing versions.

Part of every content admin (jetportal.admin.BilingualAdmin), on top of django-reversion.
"""

import json
from contextlib import contextmanager

import reversion
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.forms.models import _get_foreign_key
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin
from reversion.models import Version

from .changes import change_message, describe, differences, state_of

RESTORING = "_portal_restoring"


class HistoryAdminMixin:
    object_history_template = "admin/portal/object_history.html"
    compare_template = "admin/portal/compare_versions.html"

    # Messages are stored as data and put into words when shown (see jetportal.changes).

    def construct_change_message(self, request, form, formsets, add=False):
        return change_message(form, formsets, add)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.change_message)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.change_message)
        return entry

    @contextmanager
    def create_revision(self, request):
        with super().create_revision(request):
            yield
            # A restore or a recovery says so, in words chosen when History is read.
            marker = getattr(request, RESTORING, None)
            if marker is not None:
                reversion.set_comment(json.dumps([marker]))

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = Version.objects.filter(pk=version_id).select_related("revision").first()
        if version is not None:
            setattr(request, RESTORING, {"restored": {"date": version.revision.date_created.isoformat()}})
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        setattr(request, RESTORING, {"recovered": {}})
        return super().recover_view(request, version_id, extra_context)

    # The History page and the comparison.

    def _url(self, name, *args):
        opts = self.model._meta
        return reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{name}", args=args)

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/history/<int:version_id>/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{opts.app_label}_{opts.model_name}_compare",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        # Refused before anything is read, as VersionAdmin's own view (passed over below) did.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        versions = list(
            Version.objects.get_for_object_reference(self.model, unquote(object_id))
            .select_related("revision__user")
            .order_by("-pk")
        )
        actions = []
        for index, version in enumerate(versions):
            older = versions[index + 1] if index + 1 < len(versions) else None
            actions.append(
                {
                    "revision": version.revision,
                    "url": self._url("revision", quote(version.object_id), version.pk),
                    "comment": describe(self.model, version.revision.comment),
                    "is_current": index == 0,
                    "compare_url": self._url("compare", quote(version.object_id), version.pk),
                    "previous_url": (
                        self._url("compare", quote(version.object_id), older.pk) + f"?with={version.pk}"
                        if older
                        else ""
                    ),
                }
            )
        # Past VersionAdmin's own history_view: it only queries the versions again for a list
        # that this one replaces. The admin's view still checks the object and the permission.
        return super(VersionAdmin, self).history_view(
            request, object_id, {"action_list": actions, **(extra_context or {})}
        )

    def _inline_differences(self, obj, old, new):
        """What changed in the rows edited inline (a landing page's sections), saved in the same revisions."""
        rows = []
        for inline in self.inlines:
            model = inline.model
            content_type = ContentType.objects.get_for_model(model)
            fk = _get_foreign_key(self.model, model, fk_name=inline.fk_name)

            def own(version, fk=fk, content_type=content_type):
                # A revision may hold other items' rows too (load_demo saves a whole app in one).
                return [
                    v
                    for v in version.revision.version_set.filter(content_type=content_type)
                    if str(v.field_dict.get(fk.attname)) == str(obj.pk)
                ]

            before = {v.object_id: v for v in own(old)}
            if new is not None:
                after = {v.object_id: v.field_dict for v in own(new)}
            else:
                after = {str(row.pk): state_of(row) for row in model._default_manager.filter(**{fk.name: obj})}
            for object_id in sorted(set(before) | set(after), key=lambda key: (len(key), key)):
                version = before.get(object_id)
                label = version.object_repr if version else object_id
                for row in differences(model, version.field_dict if version else {}, after.get(object_id, {})):
                    row.label = format_lazy("{} “{}”: {}", capfirst(model._meta.verbose_name), label, row.label)
                    rows.append(row)
        return rows

    def compare_view(self, request, object_id, version_id):
        obj = get_object_or_404(self.model, pk=unquote(object_id))
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        old = get_object_or_404(versions, pk=version_id)
        other = request.GET.get("with", "")
        new = get_object_or_404(versions, pk=other) if other.isdigit() else None
        # The older of the two on the left, whichever way round the link named them.
        if new is not None and new.pk < old.pk:
            old, new = new, old
        rows = differences(self.model, old.field_dict, new.field_dict if new else state_of(obj))
        rows += self._inline_differences(obj, old, new)
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare versions of “%(item)s”") % {"item": obj},
            "subtitle": None,
            "opts": opts,
            "object": obj,
            "object_id": object_id,
            "module_name": str(capfirst(opts.verbose_name_plural)),
            "old": old,
            "new": new,
            "rows": rows,
            "old_restore_url": self._url("revision", quote(old.object_id), old.pk),
            "new_restore_url": self._url("revision", quote(new.object_id), new.pk) if new else "",
            "history_url": self._url("history", quote(object_id)),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.compare_template, context)
