"""What every piece of public content shares: a status, a publish time, a change note."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import clock


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Ordered(models.Model):
    """Content that staff put in order (with the admin's move buttons, see jetportal.admin)."""

    order = models.PositiveIntegerField(_("order"), default=0, db_index=True)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]


class SampleContent(models.Model):
    """Content the demo wrote (not from the programme's own page), so nobody mistakes it for official text."""

    is_sample = models.BooleanField(
        _("sample content"),
        default=False,
        help_text=_(
            "Written for the demonstration, not official information. Untick it once the text has been "
            "checked or replaced."
        ),
    )

    class Meta:
        abstract = True


class PublishableQuerySet(models.QuerySet):
    def published(self, at=None):
        """What the public may see: published, and its publish time has come."""
        return self.filter(status=Status.PUBLISHED, publish_at__lte=at or clock.now())

    def visible_to(self, user):
        """Staff preview drafts and scheduled items; everyone else sees what is published."""
        if user.is_authenticated and user.is_staff:
            return self.all()
        return self.published()


class Publishable(models.Model):
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        _("publish at"),
        default=clock.now,
        help_text=_("The item appears on the site by itself at this time, once it is published."),
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    change_note = models.CharField(
        _("public change note"),
        max_length=200,
        blank=True,
        help_text=_("A short note shown to visitors when you make a significant change."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_public(self):
        return self.status == Status.PUBLISHED and self.publish_at <= clock.now()


def missing_translations(obj, fields):
    """The languages that lack a text which another language has, for staff to fill in."""
    codes = [code for code, _name in settings.LANGUAGES]
    missing = set()
    for field in fields:
        values = {code: getattr(obj, f"{field}_{code}", "") for code in codes}
        if any(values.values()):
            missing.update(code for code, value in values.items() if not value)
    return [code for code in codes if code in missing]
