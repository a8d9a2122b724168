import logging

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from jetportal.admin import OrderedBilingualAdmin
from jetportal.edit_token import TOKEN_FIELD, EditTokenAdminMixin, refuse_if_stale, token_in_address
from jetportal.publishing_admin import PublishingAdminMixin, PublishingStateFilter

from .forms import SetPasswordForm
from .models import AccessSetting, Entry, Topic

logger = logging.getLogger("faq.gate")


@admin.register(Topic)
class TopicAdmin(OrderedBilingualAdmin):
    list_display = ["name", "slug", "entry_count", "translation_status"]
    prepopulated_fields = {"slug": ["name_en"]}
    fields = ["name", "slug", "order"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(entry_count=Count("entries"))

    @admin.display(description=_("Entries"), ordering="entry_count")
    def entry_count(self, obj):
        return obj.entry_count


@admin.register(Entry)
class EntryAdmin(PublishingAdminMixin, OrderedBilingualAdmin):
    # Entries move up and down among the entries of their own topic.
    order_scope = ("topic",)
    list_display = ["__str__", "topic", "state", "publish_at", "translation_status", "updated_at"]
    list_filter = [PublishingStateFilter, "topic"]
    list_select_related = ["topic"]
    search_fields = ["question_en", "question_ja", "search_text"]
    ordering = ["topic__order", "topic__pk", "order", "pk"]
    fieldsets = [
        (None, {"fields": ["topic", "question", "answer", "order"]}),
        (
            _("Publishing"),
            {
                "fields": ["status", "publish_at"],
                "description": _(
                    "A published entry appears in the Q&A by itself at its “publish at” time. "
                    "Until then, and while it is a draft, readers of the Q&A do not see it."
                ),
            },
        ),
    ]


@admin.register(AccessSetting)
class AccessSettingAdmin(EditTokenAdminMixin, admin.ModelAdmin):
    """One row: how long an unlock lasts, and a separate form to set a new password.

    Both forms carry the two-editor token: a password set meanwhile by someone else (and sent
    to the organisations) is not replaced unawares. Every password change adds to ``version``.
    """

    password_token_fields = ["version"]

    fields = ["password_status", "unlock_hours"]
    readonly_fields = ["password_status"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_object(self, request, object_id, from_field=None):
        return AccessSetting.load()

    def changelist_view(self, request, extra_context=None):
        # There is only ever one setting: go straight to it.
        return redirect("admin:faq_accesssetting_change", 1)

    def get_urls(self):
        view = self.admin_site.admin_view(self.set_password_view)
        return [path("set-password/", view, name="faq_accesssetting_set_password"), *super().get_urls()]

    @admin.display(description=_("Password"))
    def password_status(self, obj):
        # The password page posts back to its own address (its template has no place for a
        # hidden field), so the token made as this page opens rides in the link to it.
        url = reverse("admin:faq_accesssetting_set_password") + token_in_address(obj, self.password_token_fields)
        if obj.has_password:
            from django.utils import formats, timezone

            changed = formats.date_format(timezone.localtime(obj.changed_at), "DATETIME_FORMAT")
            status = _("Set (last changed %(when)s). It is stored only as a hash and cannot be shown.") % {
                "when": changed
            }
        else:
            status = _("Not set yet: nobody can open the Q&A.")
        return format_html('{} <a class="button" href="{}">{}</a>', status, url, _("Set a new password"))

    def save_model(self, request, obj, form, change):
        # Only the unlock time: a password changed meanwhile in another tab must not be overwritten.
        if AccessSetting.objects.filter(pk=1).exists():
            obj.save(update_fields=["unlock_hours"])
        else:
            obj.save()

    def set_password_view(self, request):
        setting = AccessSetting.load()
        if not self.has_change_permission(request, setting):
            raise PermissionDenied
        if request.method == "POST" and (
            refused := refuse_if_stale(self, request, setting, self.password_token_fields)
        ):
            return refused
        form = SetPasswordForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            setting.set_password(form.cleaned_data["password1"])
            self.log_change(request, setting, [{"changed": {"fields": ["password"]}}])
            logger.info("Q&A password changed by user id=%s", request.user.pk)
            self.message_user(
                request,
                _("The new password is in force. Everyone who had opened the Q&A must enter it again."),
                messages.SUCCESS,
            )
            return redirect("admin:faq_accesssetting_change", 1)
        # The form posts to this address with the token as it was when the page first opened
        # (a page re-shown with errors keeps its own), also when it was opened without the link.
        form_url = token_in_address(setting, self.password_token_fields, token=request.GET.get(TOKEN_FIELD))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Set a new Q&A password"),
            "form": form,
            "form_url": form_url,
            "opts": self.model._meta,
            "setting": setting,
            "has_view_permission": True,
        }
        # admin_view() already marks the response never-cache (private, no-store).
        return TemplateResponse(request, "admin/faq/accesssetting/set_password.html", context)
