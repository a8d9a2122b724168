"""The site's pages and the building blocks of the For Organisations page."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jetportal.addresses import address
from jetportal.content import Ordered, Publishable, PublishableQuerySet, SampleContent, Translated
from jetportal.images import DECORATIVE_ALT_HELP, ResizedImageField
from jetportal.prepared import PreparedList
from jetportal.richtext import RichTextField

# First path segments that belong to other parts of the site, never to a page.
RESERVED_SLUGS = {"updates", "faq", "downloads", "search", "media", "static", "admin", "sitemap.xml", "robots.txt"}


class PageQuerySet(PublishableQuerySet):
    def in_navigation(self):
        """The top-level pages (children of the home page), in the main navigation's order."""
        return self.filter(parent__kind=Page.Kind.HOME).order_by("order", "pk")

    def categories_of(self, page, at=None):
        return self.published(at=at).filter(parent=page, kind=Page.Kind.CATEGORY).order_by("order", "pk")


class Page(Translated, Publishable, Ordered, SampleContent):
    slug_source = "title"
    slug_scope = ("parent",)

    class Kind(models.TextChoices):
        HOME = "home", _("Home page")
        LANDING = "landing", _("Section landing page (For Organisations)")
        CATEGORY = "category", _("Category page (with documents)")
        STANDARD = "standard", _("Standard page")

    parent = models.ForeignKey(
        "self", verbose_name=_("parent page"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    kind = models.CharField(_("kind of page"), max_length=10, choices=Kind.choices, default=Kind.STANDARD)
    slug = models.SlugField(
        _("address (slug)"),
        max_length=80,
        blank=True,
        help_text=_("Lowercase letters, digits and hyphens. Left empty, it is made from the title."),
    )
    path = models.CharField(max_length=255, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences shown on cards and in search results.")
    )
    body = RichTextField(_("body"))
    image = ResizedImageField(
        _("image"), upload_to="pages", max_width=800, blank=True, width_field="image_width", height_field="image_height"
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        _("image description (alt text)"), max_length=200, blank=True, help_text=DECORATIVE_ALT_HELP
    )

    objects = PageQuerySet.as_manager()

    class Meta(Ordered.Meta):
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        constraints = [models.UniqueConstraint(fields=["parent", "slug"], name="unique_slug_per_parent")]

    def __str__(self):
        return self.title

    def clean(self):
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A page cannot be its own parent.")})
        if self.kind != self.Kind.HOME and self.parent is None:
            raise ValidationError({"parent": _("Every page except the home page has a parent page.")})
        if self.parent and self.parent.kind == self.Kind.HOME and self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is used by another part of the site.")})

    def build_path(self):
        if self.kind == self.Kind.HOME:
            return ""
        prefix = self.parent.path if self.parent else ""
        return f"{prefix}{self.slug}/"

    def save(self, *args, **kwargs):
        self.fill_slug()  # the path is built from it
        with transaction.atomic():
            old_path = self.path
            self.path = self.build_path()
            super().save(*args, **kwargs)
            if old_path and old_path != self.path:
                # Keep the children's addresses in step with their parent's.
                for child in self.children.all():
                    child.save()

    def get_absolute_url(self):
        if self.kind == self.Kind.HOME:
            return address("pages:home")
        return address("pages:page", path=self.path.rstrip("/"))


class Section(Translated, Ordered):
    """One section of a landing page; staff choose which appear, in what order, with what words."""

    class Kind(models.TextChoices):
        PAMPHLET = "pamphlet", _("Pamphlet")
        CATEGORIES = "categories", _("Browse by category")
        UPDATES = "updates", _("Latest updates")
        OVERVIEW = "overview", _("Overview of the programme")
        PARTICIPANTS = "participants", _("Participant categories")
        STATISTICS = "statistics", _("Statistics")
        QUALITIES = "qualities", _("Common qualities")
        CONTACTS = "contacts", _("Contact divisions")
        VIDEOS = "videos", _("Videos")
        FAQ = "faq", _("Questions and answers")

    page = models.ForeignKey(Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(_("kind of section"), max_length=20, choices=Kind.choices)
    heading = models.CharField(_("heading"), max_length=200)
    intro = RichTextField(_("introduction"))
    is_shown = models.BooleanField(_("shown on the page"), default=True)

    class Meta(Ordered.Meta):
        verbose_name = _("page section")
        verbose_name_plural = _("page sections")
        constraints = [models.UniqueConstraint(fields=["page", "kind"], name="one_section_of_each_kind")]

    def __str__(self):
        return self.heading

    @property
    def anchor(self):
        return self.kind


class ParticipantCategory(Translated, Ordered):
    """ALT, CIR and SEA: the three kinds of JET Programme participant."""

    code = models.SlugField(_("code"), max_length=10, unique=True, help_text=_("For example alt, cir or sea."))
    name = models.CharField(_("name"), max_length=120)
    abbreviation = models.CharField(_("abbreviation"), max_length=10)
    share_percent = models.PositiveSmallIntegerField(
        _("approximate share of participants (%)"), validators=[MaxValueValidator(100)]
    )
    description = RichTextField(_("description"))
    image = ResizedImageField(
        _("image"),
        upload_to="participants",
        max_width=640,
        blank=True,
        width_field="image_width",
        height_field="image_height",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        _("image description (alt text)"), max_length=200, blank=True, help_text=DECORATIVE_ALT_HELP
    )

    class Meta(Ordered.Meta):
        verbose_name = _("participant category")
        verbose_name_plural = _("participant categories")

    def __str__(self):
        return self.name

    @property
    def share_label(self):
        # Worded here rather than with blocktranslate, which costs several times more per render.
        return gettext("approximately %(share)s%% of participants") % {"share": self.share_percent}


class Quality(Translated, Ordered):
    text = models.CharField(_("text"), max_length=300)

    class Meta(Ordered.Meta):
        verbose_name = _("common quality of participants")
        verbose_name_plural = _("common qualities of participants")

    def __str__(self):
        return self.text


class ContactDivision(Translated, Ordered):
    name = models.CharField(_("name"), max_length=120)
    summary = models.TextField(_("what to contact it about"))
    duties = models.TextField(_("main responsibilities"), blank=True, help_text=_("One responsibility per line."))
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta(Ordered.Meta):
        verbose_name = _("contact division")
        verbose_name_plural = _("contact divisions")

    def __str__(self):
        return self.name

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The closing time must be after the opening time.")})


youtube_id_validator = RegexValidator(
    re.compile(r"^[A-Za-z0-9_-]{11}$"),
    _("A YouTube video id is 11 letters, digits, hyphens or underscores, as in the video's address after “v=”."),
)


class Video(Translated, Ordered):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    youtube_id = models.CharField(
        _("YouTube video id"),
        max_length=11,
        blank=True,
        validators=[youtube_id_validator],
        help_text=_("Leave it empty until the video is on YouTube: the page shows the poster and “Video coming soon”."),
    )
    poster = ResizedImageField(
        _("poster image"), upload_to="videos", max_width=960, width_field="poster_width", height_field="poster_height"
    )
    poster_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    poster_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    poster_alt = models.CharField(
        _("poster description (alt text)"), max_length=200, blank=True, help_text=DECORATIVE_ALT_HELP
    )

    class Meta(Ordered.Meta):
        verbose_name = _("video")
        verbose_name_plural = _("videos")

    def __str__(self):
        return self.title

    @property
    def is_playable(self):
        return bool(self.youtube_id)

    @property
    def embed_url(self):
        return f"https://www.youtube-nocookie.com/embed/{self.youtube_id}?autoplay=1&rel=0"

    @property
    def watch_url(self):
        return f"https://www.youtube.com/watch?v={self.youtube_id}"


# The home page and the main navigation's pages, with the time as the only parameter, so the SQL
# is built once per process. A subquery rather than a join keeps it a plain list of pages.
_top_pages = PreparedList(
    lambda at: (
        Page.objects.published(at=at)
        .filter(models.Q(kind=Page.Kind.HOME) | models.Q(parent__in=Page.objects.filter(kind=Page.Kind.HOME)))
        .order_by("order", "pk")
    ),
    timed=True,
)


def ancestors_and_navigation(page):
    """(the page's published ancestors, home first; the main navigation's pages).

    One query for pages up to two levels deep (every page the seed has); a deeper page's
    further ancestors take one more.
    """
    parts = page.path.rstrip("/").split("/") if page.path else []
    prefixes = [""] + ["/".join(parts[:i]) + "/" for i in range(1, len(parts))]
    rows = _top_pages.rows()
    navigation = [row for row in rows if row.kind != Page.Kind.HOME]  # the others are the home page's children
    by_path = {row.path: row for row in rows}
    deeper = [prefix for prefix in prefixes if prefix not in by_path and prefix.count("/") > 1]
    if deeper:
        by_path.update((row.path, row) for row in Page.objects.published().filter(path__in=deeper))
    ancestors = [by_path[prefix] for prefix in prefixes if prefix in by_path and prefix != page.path]
    return ancestors, navigation
