"""Text that is safe to store and to put in XML: no control characters.

Word's Shift+Enter pastes U+000B, other programs leave U+0000–U+001F or U+007F–U+009F
behind. XML 1.0 forbids most of them, so one such character in a title made every feed
carrying it fail. Content models remove them on save (jetportal.content.Translated); the
feeds remove them again on output, for rows written before that or by a bulk update.
"""

import re

from django.utils.feedgenerator import Atom1Feed

# Control characters except tab and newline, and the code points XML 1.0 does not allow.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(value):
    """``value`` without control characters; line breaks (CR LF, CR) become a newline."""
    if not isinstance(value, str):
        return value
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return FORBIDDEN.sub("", value)


def _xml_safe(value):
    if isinstance(value, list | tuple):
        return type(value)(_xml_safe(item) for item in value)
    if isinstance(value, str) or hasattr(value, "_proxy____cast"):  # lazy translations too
        return clean_text(str(value))
    return value


class XMLSafeAtom1Feed(Atom1Feed):
    """An Atom feed that never fails on a character XML cannot carry: it is dropped."""

    def __init__(self, *args, **kwargs):
        super().__init__(*(_xml_safe(arg) for arg in args), **{k: _xml_safe(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*(_xml_safe(arg) for arg in args), **{k: _xml_safe(v) for k, v in kwargs.items()})
