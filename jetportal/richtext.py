"""Rich text that is safe to show: an editor for staff, an allow-list on every save."""

import nh3
from django_prose_editor.fields import ProseEditorField

# What staff may use in body texts. Anything else (scripts, styles, event handlers,
# classes pasted from word processors) is removed before it reaches the database.
ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "h2", "h3", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Heading": {"levels": [2, 3]},
    "Link": {"enableTarget": False, "protocols": sorted(ALLOWED_URL_SCHEMES)},
    "HardBreak": True,
    "History": True,
}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def sanitize_html(html):
    cleaned = _cleaner.clean(html or "").strip()
    # The editor saves an empty paragraph for an empty field; store it as empty.
    return "" if cleaned in {"<p></p>", "<p><br></p>"} else cleaned


class RichTextField(ProseEditorField):
    """A text field edited with the prose editor and sanitised on every save."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", dict(EDITOR_EXTENSIONS))
        kwargs["sanitize"] = sanitize_html
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        # Also covers saves that skip forms: the demo loader, the shell, data migrations.
        value = sanitize_html(getattr(model_instance, self.attname))
        # Straight into the instance: setattr would go through modeltranslation's descriptor,
        # which writes to the active language's column, not to this field's own.
        model_instance.__dict__[self.attname] = value
        return value
