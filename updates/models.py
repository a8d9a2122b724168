"""Latest Updates: dated news items that staff publish, tagged with the audiences they concern."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from jetportal import clock
from jetportal.addresses import address
from jetportal.content import Ordered, Publishable, PublishableQuerySet, SampleContent, Translated
from jetportal.images import ResizedImageField
from jetportal.richtext import RichTextField

# How long an item carries the "new" badge after it becomes public.
NEW_FOR = datetime.timedelta(days=14)

# Paths under /<lang>/updates/ that are not items.
RESERVED_SLUGS = {"feed"}


def today():
    return timezone.localdate(clock.now())


# The audiences the filter and feed addresses are built on (also created by migration 0002).
DEFAULT_AUDIENCES = [
    ("current-jets", "Current JETs", "現役JET参加者"),
    ("former-jets", "Former JETs", "JET経験者"),
    ("organisations", "Organisations", "団体"),
    ("service-providers", "Service Providers", "サービス提供事業者"),
]


class AudienceQuerySet(models.QuerySet):
    def ensure_defaults(self):
        """The four standard audiences, created if missing; existing ones are left as staff edited them."""
        for order, (slug, name_en, name_ja) in enumerate(DEFAULT_AUDIENCES, start=1):
            self.get_or_create(slug=slug, defaults={"name_en": name_en, "name_ja": name_ja, "order": order})
        return self.filter(slug__in=[slug for slug, *_names in DEFAULT_AUDIENCES])


class Audience(Translated, Ordered):
    """Who an update is for: Current JETs, Former JETs, Organisations, Service Providers."""

    slug_source = "name"

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("address (slug)"),
        max_length=50,
        unique=True,
        blank=True,
        help_text=_(
            "Used in filter and feed addresses, for example organisations. Changing it breaks subscriptions. "
            "Left empty, it is made from the name."
        ),
    )

    objects = AudienceQuerySet.as_manager()

    class Meta(Ordered.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{address('updates:list')}?audience={self.slug}"

    def get_feed_url(self):
        return address("updates:audience_feed", audience=self.slug)


def audiences_prefetch():
    return Prefetch("audiences", queryset=Audience.objects.order_by("order", "pk"))


class UpdateQuerySet(PublishableQuerySet):
    def with_audiences(self):
        # One extra query for the tags of every item on a page, however many items there are.
        return self.prefetch_related(audiences_prefetch())

    def for_audience(self, audience):
        return self.filter(audiences=audience) if audience else self

    def listed(self, audience=None, at=None):
        """What the public lists show: published items, pinned first, then newest."""
        return (
            self.published(at=at)
            .for_audience(audience)
            .with_audiences()
            .order_by("-pinned", "-date", "-publish_at", "-pk")
        )

    def latest(self, audience=None, at=None):
        """What feeds carry: published items, newest first (pinning means nothing to a feed reader)."""
        return self.published(at=at).for_audience(audience).with_audiences().order_by("-date", "-publish_at", "-pk")


class Update(Translated, Publishable, SampleContent):
    slug_source = "title"

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("address (slug)"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_(
            "Lowercase letters, digits and hyphens. Keep it once published: links and bookmarks use it. "
            "Left empty, it is made from the title."
        ),
    )
    # What lists, feeds and the item show and sort by: the staff's own date, else the publish day.
    date = models.DateField(_("date"), default=today, db_index=True, editable=False)
    date_shown = models.DateField(
        _("date shown"),
        null=True,
        blank=True,
        help_text=_(
            "Optional. Left empty, the item shows the day it is published (its “publish at” date). "
            "Fill it in only to show another date."
        ),
    )
    summary = models.TextField(_("summary"), help_text=_("One or two sentences shown in lists, cards and feeds."))
    body = RichTextField(_("body"))
    audiences = models.ManyToManyField(
        Audience,
        verbose_name=_("audiences"),
        related_name="updates",
        help_text=_("Who the item is for. Choose at least one."),
    )
    image = ResizedImageField(
        _("image"),
        upload_to="updates",
        max_width=960,
        blank=True,
        width_field="image_width",
        height_field="image_height",
        help_text=_("Optional. A JPEG, PNG, WebP or GIF image; it is resized for the site."),
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # A smaller copy for cards, made from the same upload, so lists never send the large one.
    card_image = ResizedImageField(
        upload_to="updates/cards",
        max_width=480,
        blank=True,
        editable=False,
        width_field="card_image_width",
        height_field="card_image_height",
    )
    card_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    card_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(_("image description (alt text)"), max_length=200, blank=True)
    link = models.URLField(
        _("external link"), blank=True, help_text=_("Optional. A page elsewhere with more information.")
    )
    link_text = models.CharField(
        _("external link text"),
        max_length=120,
        blank=True,
        help_text=_("What the link says, for example “Application guidelines (PDF)”."),
    )
    pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Pinned items come first in every list, before newer ones.")
    )
    deadline = models.DateField(
        _("deadline"), null=True, blank=True, help_text=_("Optional. The last day to apply, register or reply.")
    )
    significant_change_at = models.DateTimeField(
        _("significantly changed at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when an editor marks a change as significant; shows the “updated” badge."),
    )

    objects = UpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-pinned", "-date", "-publish_at", "-pk"]
        verbose_name = _("update")
        verbose_name_plural = _("updates")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return address("updates:detail", slug=self.slug)

    def clean(self):
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This address is used by another part of the site.")
        if self.image and not self.image_alt_en and not self.image_alt_ja:
            errors["image_alt_en"] = _("Describe the image for people who cannot see it.")
        if self.link_text_en and not self.link:
            errors["link"] = _("Give the address the link text points to.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.date = self.date_shown or timezone.localdate(self.publish_at)
        if self.image and not self.image._committed:
            upload = self.image.file
            upload.seek(0)
            self.card_image = ContentFile(upload.read(), name="card")
            upload.seek(0)
        elif not self.image:
            self.card_image = None
        super().save(*args, **kwargs)

    def mark_significant_change(self, at=None):
        self.significant_change_at = at or clock.now()

    @property
    def is_new(self):
        now = clock.now()
        return self.is_public and now - self.publish_at < NEW_FOR

    @cached_property
    def display(self):
        from .display import UpdateDisplay

        return UpdateDisplay(self)

    @property
    def is_updated(self):
        return self.significant_change_at is not None and self.significant_change_at > self.publish_at

    @property
    def deadline_passed(self):
        return self.deadline is not None and self.deadline < today()

    @property
    def card_image_or_image(self):
        return self.card_image or self.image
