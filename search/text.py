"""Text for matching and for showing: normalisation, plain text, highlighted excerpts."""

import html
import re
import unicodedata

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

EXCERPT_LENGTH = 220
EXCERPT_LEAD = 60
# How far a cut may move to reach a space between words.
EXCERPT_WORD_SLACK = 20

_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|div|blockquote|td|th)>|<br\s*/?>", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def normalise(text):
    """Full-width and half-width forms as one (NFKC), and case folded: 「ＰＡ」, 「ﾊﾝﾄﾞﾌﾞｯｸ」, "Pa" → "pa", "ハンドブック"."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def plain_text(value):
    """The words of a rich text (or plain text), with blocks kept apart by a space."""
    text = html.unescape(strip_tags(_BLOCK_END.sub(" ", str(value or ""))))
    return _SPACES.sub(" ", text).strip()


def query_terms(query):
    """The distinct normalised words of a query, in the order typed (an ideographic space separates too)."""
    terms = []
    for term in normalise(query).split():
        if term not in terms:
            terms.append(term)
    return terms


def _clusters(text):
    """Each character with the marks that join it when normalised (ﾊ + ﾞ → バ)."""
    cluster = ""
    for char in text:
        joins = unicodedata.normalize("NFKC", char)[:1]
        if cluster and joins and unicodedata.combining(joins):
            cluster += char
            continue
        if cluster:
            yield cluster
        cluster = char
    if cluster:
        yield cluster


def _normalised_with_spans(text):
    """The normalised text, and for each of its characters the span of ``text`` it came from.

    None instead of the spans when each character stays one character (nearly always): NFKC
    leaves the text as it is and case folding never shrinks a character, so equal lengths mean
    equal positions.
    """
    key = normalise(text)
    if len(key) == len(text) and unicodedata.is_normalized("NFKC", text):
        return key, None
    chars, spans, position = [], [], 0
    for cluster in _clusters(text):
        end = position + len(cluster)
        for char in normalise(cluster):
            chars.append(char)
            spans.append((position, end))
        position = end
    return "".join(chars), spans


def match_spans(text, terms):
    """Where the terms occur in ``text`` (as written), merged, in order."""
    key, spans = _normalised_with_spans(text)
    found = []
    for term in terms:
        start = key.find(term)
        while start != -1:
            end = start + len(term)
            found.append((start, end) if spans is None else (spans[start][0], spans[end - 1][1]))
            start = key.find(term, start + len(term))
    merged = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text, terms):
    """``text`` escaped, with each match of the terms in ``<mark>``."""
    parts, position = [], 0
    for start, end in match_spans(text, terms):
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))


def excerpt(text, terms):
    """A short part of ``text`` around its first match (or its start), highlighted."""
    spans = match_spans(text, terms)
    start = 0
    if spans and spans[0][0] > EXCERPT_LEAD:
        start = spans[0][0] - EXCERPT_LEAD
    end = min(len(text), start + EXCERPT_LENGTH)
    start = max(0, min(start, end - EXCERPT_LENGTH))
    first_match = spans[0][0] if spans else end
    start, end = _word_edges(text, start, end, first_match)
    shown = highlight(text[start:end], terms)
    return mark_safe(("…" if start else "") + shown + ("…" if end < len(text) else ""))


def _word_edges(text, start, end, first_match):
    """Move a cut that falls inside an English word to the nearest space, so no excerpt starts with
    half a word ("…d orientations"). Japanese has no spaces to cut at: a cut there stays where it is.
    """
    if 0 < start < len(text) and not text[start - 1].isspace():
        space = text.find(" ", start, min(first_match, start + EXCERPT_WORD_SLACK))
        if space != -1:
            start = space + 1
    if 0 < end < len(text) and not text[end].isspace():
        space = text.rfind(" ", max(start, end - EXCERPT_WORD_SLACK), end)
        if space != -1:
            end = space
    return start, end
