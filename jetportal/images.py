"""Uploaded images: checked by Pillow, not by their name, and stored at the size pages use."""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
# Pictures beside a title that already names the thing (cards, the participant categories, the
# pamphlet's cover, video posters) are decorative: an empty description makes screen readers skip them.
DECORATIVE_ALT_HELP = _(
    "Leave it empty when the picture is decorative (the title beside it already says what it is): "
    "screen readers then skip it. Describe the picture only if it shows something the text does not."
)


def validate_image(upload):
    """Refuse anything that is not a real, reasonably sized JPEG, PNG, WebP or GIF."""
    if getattr(upload, "_committed", False):
        return  # Already stored: it was checked when it was uploaded.
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    limit = settings.IMAGE_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The image is %(size)s MB; the limit is %(limit)s MB. Please make it smaller."),
            code="too_large",
            params={"size": round(upload.size / 1_000_000, 1), "limit": round(limit / 1_000_000)},
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            # Check the declared size before decoding anything: a decompression bomb is small on disk.
            if image.width * image.height > settings.IMAGE_MAX_PIXELS:
                raise ValidationError(
                    _("The image is %(width)s × %(height)s pixels, which is too large to process."),
                    code="too_many_pixels",
                    params={"width": image.width, "height": image.height},
                )
            if image.format not in ACCEPTED_FORMATS:
                raise ValidationError(
                    _("This image format is not accepted. Please upload a JPEG, PNG, WebP or GIF image."),
                    code="format",
                )
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("This file is not an image that can be read. Please upload a JPEG, PNG, WebP or GIF image."),
            code="not_an_image",
        ) from error
    finally:
        upload.seek(position)


def resized_copy(upload, max_width):
    """A WebP copy no wider than ``max_width``, with its width and height."""
    upload.seek(0)
    with Image.open(upload) as image:
        image.load()
        image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
        if image.width > max_width:
            height = round(image.height * max_width / image.width)
            image = image.resize((max_width, height), Image.LANCZOS)
        buffer = io.BytesIO()
        image.save(buffer, format="WEBP", quality=82, method=4)
    return ContentFile(buffer.getvalue()), image.width, image.height


class ResizedImageField(models.ImageField):
    """An image stored once, at the largest width the site shows it, under a generated name.

    The original upload is never kept: it may be huge, and its name may say more than it should.
    """

    def __init__(self, *args, max_width=1200, **kwargs):
        self.max_width = max_width
        kwargs.setdefault("validators", [validate_image])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["max_width"] = self.max_width
        kwargs.pop("validators", None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            content, width, height = resized_copy(file.file, self.max_width)
            # upload_to adds the folder; the name itself carries nothing from the upload.
            file.save(f"{get_random_string(16).lower()}.webp", content, save=False)
            self._set_dimensions(model_instance, width, height)
        elif not file:
            self._set_dimensions(model_instance, None, None)
        return super().pre_save(model_instance, add)

    def _set_dimensions(self, instance, width, height):
        if self.width_field:
            setattr(instance, self.width_field, width)
        if self.height_field:
            setattr(instance, self.height_field, height)

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        # Width and height are stored once, when the image is uploaded (pre_save above). Django
        # would otherwise open the image file whenever a row is loaded with them missing: on
        # every page render (and its reader cannot size WebP, so they would stay missing).
        return


def fill_dimensions(apps, schema_editor, app_label):
    """For a data migration: store width and height for images uploaded before they were kept."""
    from django.core.files.storage import default_storage

    for model in apps.get_app_config(app_label).get_models():
        for field in model._meta.fields:
            if not (isinstance(field, models.ImageField) and field.width_field and field.height_field):
                continue
            missing = model._base_manager.exclude(**{field.name: ""}).filter(**{f"{field.width_field}__isnull": True})
            for row in missing.only("pk", field.name):
                try:
                    with default_storage.open(getattr(row, field.attname).name) as stored, Image.open(stored) as image:
                        size = image.size
                except (OSError, UnidentifiedImageError):
                    continue  # a missing file keeps its empty size; the page shows it without one
                model._base_manager.filter(pk=row.pk).update(
                    **{field.width_field: size[0], field.height_field: size[1]}
                )
