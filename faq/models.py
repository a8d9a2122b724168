"""The Q&A for contracting organisations: topics, paired entries and the one access password."""

import unicodedata

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from jetportal import clock
from jetportal.addresses import address
from jetportal.content import Ordered, Publishable, PublishableQuerySet, SampleContent, Translated
from jetportal.richtext import RichTextField, sanitize_html

LANGUAGE_CODES = ("en", "ja")
MAX_SEARCH_WORDS = 8


def normalize_for_search(text):
    """One form for stored text and queries: full-width letters become ASCII, case is folded."""
    return unicodedata.normalize("NFKC", text or "").casefold()


class Topic(Translated, Ordered):
    slug_source = "name"

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("anchor (slug)"),
        max_length=60,
        unique=True,
        blank=True,
        help_text=_("Lowercase letters, digits and hyphens. Left empty, it is made from the name."),
    )

    class Meta(Ordered.Meta):
        verbose_name = _("Q&A topic")
        verbose_name_plural = _("Q&A topics")

    def __str__(self):
        return self.name


class EntryQuerySet(PublishableQuerySet):
    def for_reading(self, preview=False):
        """Published entries (all of them for a staff preview) with their topic, in reading order (one query)."""
        entries = self.all() if preview else self.published()
        return entries.select_related("topic").order_by("topic__order", "topic__pk", "order", "pk")

    def search(self, query):
        """Entries containing every word of ``query``, in either language."""
        words = normalize_for_search(query).split()[:MAX_SEARCH_WORDS]
        condition = Q()
        for word in words:
            condition &= Q(search_text__contains=word)
        return self.filter(condition)


class Entry(Translated, Publishable, Ordered, SampleContent):
    """One question and its answer; drafts and scheduled entries work as for updates and documents."""

    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="entries")
    question = models.CharField(_("question"), max_length=400, blank=True)
    answer = RichTextField(_("answer"))
    # Plain text of both languages, normalised, so a search never matches inside HTML tags.
    search_text = models.TextField(editable=False, default="")

    objects = EntryQuerySet.as_manager()

    class Meta(Ordered.Meta):
        ordering = ["topic__order", "topic__pk", "order", "pk"]
        verbose_name = _("Q&A entry")
        verbose_name_plural = _("Q&A entries")

    def __str__(self):
        return self.question_en or self.question_ja or f"#{self.pk}"

    def clean(self):
        errors = {}
        if not any(getattr(self, f"question_{code}") for code in LANGUAGE_CODES):
            errors["question_en"] = _("Write the question in at least one language.")
        if not any(sanitize_html(getattr(self, f"answer_{code}")) for code in LANGUAGE_CODES):
            errors["answer_en"] = _("Write the answer in at least one language.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        parts = []
        for code in LANGUAGE_CODES:
            parts.append(getattr(self, f"question_{code}") or "")
            parts.append(strip_tags(sanitize_html(getattr(self, f"answer_{code}"))))
        self.search_text = normalize_for_search(" \n".join(parts))
        super().save(*args, **kwargs)

    @property
    def anchor(self):
        return f"q-{self.pk}"

    def get_absolute_url(self):
        return f"{address('faq:version', version='bilingual')}#{self.anchor}"


class AccessSetting(models.Model):
    """The one Q&A password (as a hash only) and how long an unlock lasts."""

    password_hash = models.CharField(max_length=256, blank=True, editable=False)
    changed_at = models.DateTimeField(_("password last changed"), null=True, blank=True, editable=False)
    # Every change of password adds one; an unlock remembers the version it was made with.
    version = models.PositiveIntegerField(default=0, editable=False)
    unlock_hours = models.PositiveSmallIntegerField(
        _("unlock lasts (hours)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 30)],
        help_text=_("How long a visitor who entered the password may read the Q&A before entering it again."),
    )

    class Meta:
        verbose_name = _("Q&A access")
        verbose_name_plural = _("Q&A access")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="faq_access_setting_singleton")]

    def __str__(self):
        return str(_("Q&A password and unlock time"))

    @classmethod
    def load(cls):
        """The setting, unsaved with defaults if nobody has set a password yet (no write on read)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    @property
    def has_password(self):
        return bool(self.password_hash)

    def set_password(self, raw_password):
        """Store a new password and end every unlock made with an earlier one."""
        self.password_hash = make_password(raw_password)
        self.changed_at = clock.now()
        if self._state.adding and not type(self).objects.filter(pk=1).exists():
            self.version = 1
            self.save()
            return
        type(self).objects.filter(pk=1).update(
            password_hash=self.password_hash, changed_at=self.changed_at, version=F("version") + 1
        )
        self.refresh_from_db(fields=["version"])
        self._state.adding = False

    def check_password(self, raw_password):
        if not self.password_hash:
            return False

        def upgrade(raw):
            # A stronger hasher was configured: re-hash without counting it as a new password.
            self.password_hash = make_password(raw)
            type(self).objects.filter(pk=1).update(password_hash=self.password_hash)

        return check_password(raw_password, self.password_hash, setter=upgrade)


class FailedAttempt(models.Model):
    """One try at the Q&A password from one client, kept in the database so every process sees it."""

    client = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["client", "at"], name="faq_attempt_client_at")]
        verbose_name = _("failed password attempt")
        verbose_name_plural = _("failed password attempts")

    def __str__(self):
        return f"{self.client} {self.at:%Y-%m-%d %H:%M:%S}"
