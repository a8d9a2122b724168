"""Downloadable documents (handbooks, forms, the pamphlet) and the programme's figures."""

from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import F
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from jetportal.addresses import address
from jetportal.content import Ordered, Publishable, PublishableQuerySet, SampleContent, Status, Translated
from jetportal.images import DECORATIVE_ALT_HELP, ResizedImageField

from .files import (
    FORMAT_CHOICES,
    FORMATS,
    clean_filename,
    detect_format,
    document_storage,
    document_upload_to,
    human_size,
    validate_document,
)

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class DocumentGroup(Translated, Ordered):
    """A heading that documents are listed under on a category page: Handbooks, Forms…"""

    name = models.CharField(_("name"), max_length=100)

    class Meta(Ordered.Meta):
        verbose_name = _("document group")
        verbose_name_plural = _("document groups")

    def __str__(self):
        return self.name


class DocumentQuerySet(PublishableQuerySet):
    def with_files(self):
        """Documents that have something to download; one with no file at all is never listed."""
        return self.exclude(file_en="", file_ja="")

    def listed_on(self, page):
        return (
            self.published()
            .with_files()
            .filter(category=page)
            .select_related("group")
            .order_by(F("group__order").asc(nulls_last=True), "group_id", "order", "pk")
        )

    def featured(self, at=None):
        return self.published(at=at).with_files().filter(is_featured=True).order_by("order", "pk")

    def count_download(self, pk):
        # One UPDATE in the database: concurrent downloads never overwrite each other's count.
        return self.filter(pk=pk).update(download_count=F("download_count") + 1)


@dataclass(frozen=True)
class FileVersion:
    """One language's file of a document."""

    language: str
    name: str  # the stored (generated) name
    filename: str  # the clean original name offered to visitors
    size: int
    format: str

    @property
    def content_type(self):
        return FORMATS[self.format].content_type

    @property
    def format_label(self):
        return FORMATS[self.format].label

    @property
    def size_label(self):
        return human_size(self.size)


class Document(Translated, Publishable, Ordered, SampleContent):
    slug_source = "title"

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    slug = models.SlugField(
        _("address (slug)"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_(
            "Part of the permanent download address. It stays the same when you replace a file, "
            "so links that people have bookmarked keep working. Left empty, it is made from the title."
        ),
    )
    category = models.ForeignKey(
        "pages.Page",
        verbose_name=_("category page"),
        null=True,
        blank=True,
        # Deleting a page or group that lists documents is refused (the admin lists them):
        # staff move or delete the documents first, so none silently loses its place.
        on_delete=models.PROTECT,
        related_name="documents",
        limit_choices_to={"kind": "category"},
        help_text=_("The category page that lists this document. Leave empty for the pamphlet."),
    )
    group = models.ForeignKey(
        DocumentGroup,
        verbose_name=_("group"),
        null=True,
        blank=True,
        # Deleting a page or group that lists documents is refused (the admin lists them):
        # staff move or delete the documents first, so none silently loses its place.
        on_delete=models.PROTECT,
        related_name="documents",
        help_text=_("The heading the document is listed under on its category page."),
    )
    is_featured = models.BooleanField(
        _("featured as the pamphlet"),
        default=False,
        help_text=_("Shown with its cover in the pamphlet section of the For Organisations page."),
    )
    cover = ResizedImageField(
        _("cover image"),
        upload_to="documents/covers",
        max_width=480,
        blank=True,
        width_field="cover_width",
        height_field="cover_height",
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_alt = models.CharField(
        _("cover description (alt text)"), max_length=200, blank=True, help_text=DECORATIVE_ALT_HELP
    )

    file_en = models.FileField(
        _("English file"),
        upload_to=document_upload_to,
        storage=document_storage,
        blank=True,
        validators=[validate_document],
    )
    file_en_name = models.CharField(_("English file name"), max_length=200, blank=True, editable=False)
    file_en_size = models.PositiveBigIntegerField(_("English file size"), null=True, blank=True, editable=False)
    file_en_format = models.CharField(
        _("English file format"), max_length=10, choices=FORMAT_CHOICES, blank=True, editable=False
    )
    file_ja = models.FileField(
        _("Japanese file"),
        upload_to=document_upload_to,
        storage=document_storage,
        blank=True,
        validators=[validate_document],
    )
    file_ja_name = models.CharField(_("Japanese file name"), max_length=200, blank=True, editable=False)
    file_ja_size = models.PositiveBigIntegerField(_("Japanese file size"), null=True, blank=True, editable=False)
    file_ja_format = models.CharField(
        _("Japanese file format"), max_length=10, choices=FORMAT_CHOICES, blank=True, editable=False
    )

    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)

    objects = DocumentQuerySet.as_manager()

    class Meta(Ordered.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._remember_stored_files()
        return instance

    def _remember_stored_files(self):
        # What is on disk now, so a replaced or cleared file can be removed after saving.
        self._stored_files = {code: getattr(self, f"file_{code}").name or "" for code in LANGUAGE_CODES}

    def clean(self):
        if self.status == Status.PUBLISHED and not any(getattr(self, f"file_{code}") for code in LANGUAGE_CODES):
            raise ValidationError(_("A published document needs a file in at least one language."))

    def save(self, *args, **kwargs):
        for code in LANGUAGE_CODES:
            self._inspect_file(code)
        stored = getattr(self, "_stored_files", {})
        with transaction.atomic():
            super().save(*args, **kwargs)
            for code in LANGUAGE_CODES:
                old = stored.get(code)
                if old and old != getattr(self, f"file_{code}").name:
                    # Only once the new file is safely recorded, and only if no saved version
                    # (history, undo) still refers to the old one.
                    release_file(old)
        self._remember_stored_files()

    def _inspect_file(self, code):
        """Record a new upload's format, size and clean name; forget them when a file is cleared."""
        file = getattr(self, f"file_{code}")
        if not file:
            setattr(self, f"file_{code}_name", "")
            setattr(self, f"file_{code}_size", None)
            setattr(self, f"file_{code}_format", "")
            return
        if file._committed:
            return
        format_code = detect_format(file.file, file.name)
        clean = clean_filename(file.name, format_code, fallback=f"{self.slug or 'document'}-{code}")
        file.name = clean
        setattr(self, f"file_{code}_name", clean)
        setattr(self, f"file_{code}_size", file.file.size)
        setattr(self, f"file_{code}_format", format_code)

    def version(self, code):
        """The file in language ``code``, or None."""
        file = getattr(self, f"file_{code}")
        format_code = getattr(self, f"file_{code}_format")
        if not file or format_code not in FORMATS:
            return None
        return FileVersion(
            language=code,
            name=file.name,
            filename=getattr(self, f"file_{code}_name") or f"{self.slug}-{code}{FORMATS[format_code].extension}",
            size=getattr(self, f"file_{code}_size") or 0,
            format=format_code,
        )

    def version_for(self, code):
        """What ``/<code>/downloads/<slug>/`` serves: that language's file, else the other one."""
        for candidate in [code] + [other for other in LANGUAGE_CODES if other != code]:
            version = self.version(candidate)
            if version is not None:
                return version
        return None

    @property
    def languages(self):
        return [code for code in LANGUAGE_CODES if self.version(code)]

    def get_absolute_url(self):
        # A document's own address is its permanent download address ("View on site" opens it).
        return self.get_download_url()

    def get_download_url(self, language=None):
        with translation.override(language or translation.get_language()):
            return address("documents:download", slug=self.slug)


class ProgrammeStatistic(Translated, models.Model):
    """Participants (and where known, countries) in one fiscal year, as the programme publishes them."""

    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"), unique=True, validators=[MinValueValidator(1987), MaxValueValidator(2100)]
    )
    participants = models.PositiveIntegerField(_("participants"))
    countries = models.PositiveSmallIntegerField(_("countries"), null=True, blank=True)
    alt_count = models.PositiveIntegerField(_("ALTs"), null=True, blank=True)
    cir_count = models.PositiveIntegerField(_("CIRs"), null=True, blank=True)
    sea_count = models.PositiveIntegerField(_("SEAs"), null=True, blank=True)
    source_note = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("Where the figures come from, shown under the table.")
    )

    class Meta:
        ordering = ["fiscal_year"]
        verbose_name = _("programme statistic")
        verbose_name_plural = _("programme statistics")

    def __str__(self):
        return str(self.fiscal_year)

    def clean(self):
        parts = [self.alt_count, self.cir_count, self.sea_count]
        if self.participants is not None and sum(p or 0 for p in parts) > self.participants:
            raise ValidationError(_("ALTs, CIRs and SEAs together cannot be more than all participants."))


def file_is_referenced(name):
    """Whether a document, or a saved version of one (history, "Recover deleted"), refers to ``name``."""
    from reversion.models import Version

    if Document.objects.filter(models.Q(file_en=name) | models.Q(file_ja=name)).exists():
        return True
    # Stored names are random, so a text search of the serialised versions cannot match another file.
    return Version.objects.get_for_model(Document).filter(serialized_data__contains=f'"{name}"').exists()


def _delete_if_unreferenced(name):
    if not file_is_referenced(name):
        document_storage().delete(name)


def release_file(name):
    """Delete the stored file ``name`` once nothing refers to it any more.

    Checked after the commit: a rolled-back deletion must still find its files, and the
    revision that records this save is written in the same transaction.
    """
    transaction.on_commit(partial(_delete_if_unreferenced, name))


@receiver(post_delete, sender=Document)
def release_stored_files(sender, instance, **kwargs):
    # The versions in the history keep the files until they are pruned (see jetportal.history).
    for code in LANGUAGE_CODES:
        name = getattr(instance, f"file_{code}").name
        if name:
            release_file(name)


def files_of_version(version):
    """The stored document file names a reversion Version of a Document refers to."""
    from reversion.errors import RevertError

    try:
        fields = version.field_dict
    except RevertError:  # a version of an older schema: nothing to read, nothing to release
        return []
    return [str(fields.get(f"file_{code}") or "") for code in LANGUAGE_CODES if fields.get(f"file_{code}")]


@receiver(post_delete, sender="reversion.Version")
def release_files_of_pruned_version(sender, instance, **kwargs):
    # get_for_id is cached: pruning, which runs on every admin save, costs no query per version here.
    if ContentType.objects.get_for_id(instance.content_type_id).model_class() is Document:
        for name in files_of_version(instance):
            release_file(name)
