"""Data for the sections this app fills: the pamphlet, the figures, a category page's documents.

Each provider runs one query, however many documents or years there are.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext as _

from jetportal.localized import localize
from jetportal.prepared import PreparedList

from . import charts
from .models import Document, ProgrammeStatistic

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# A file's language as a link names it ("Download in Japanese").
LANGUAGE_NAMES = {
    "en": pgettext_lazy("language of a file", "English"),
    "ja": pgettext_lazy("language of a file", "Japanese"),
}


@dataclass(frozen=True)
class DownloadLink:
    url: str
    language: str  # the language the file is in
    language_name: str  # that language's name, in the page's language
    format_label: str
    size_label: str
    content_type: str
    only_language: bool  # the page's language has no file: this is the only one

    # The link's words, worded in Python: blocktranslate costs a template render a few times
    # what gettext does, and a category page shows a link per file.
    @property
    def label(self):
        if self.only_language:
            return _("Download: %(language)s only") % {"language": self.language_name}
        return _("Download in %(language)s") % {"language": self.language_name}

    @property
    def details(self):
        return _("(%(format)s, %(size)s)") % {"format": self.format_label, "size": self.size_label}


@dataclass(frozen=True)
class StatisticRow:
    """One fiscal year, every figure already written the way the page's language writes numbers.

    ``optional`` holds the figures of the columns the table shows besides the participants (the
    countries, then ALT, CIR and SEA, when any year has them); "" where a year has none.
    """

    year: int
    participants: str
    optional: tuple

    @property
    def label(self):
        return charts.fiscal_year(self.year)


def _figure(value):
    return charts.formatted(value) if value is not None else ""


@dataclass
class Entry:
    document: Document
    links: list


@dataclass
class Group:
    group: object  # a DocumentGroup, or None for documents outside any group
    entries: list = field(default_factory=list)


def download_links(document, language=None):
    """A link per available file: the page's language first, then the other one.

    When only the other language exists, the link uses this language's address, so it
    serves the right file by itself once a translation is uploaded under the same slug.
    """
    language = language or get_language()
    own = document.version(language)
    links = []
    for code in [language] + [c for c in LANGUAGE_CODES if c != language]:
        version = document.version(code)
        if version is None:
            continue
        links.append(
            DownloadLink(
                url=document.get_download_url(code if own else language),
                language=code,
                language_name=str(LANGUAGE_NAMES.get(code, code)),
                format_label=version.format_label,
                size_label=str(version.size_label),
                content_type=version.content_type,
                only_language=own is None,
            )
        )
    return links


def category_documents(request, page):
    groups = []
    for document in Document.objects.listed_on(page):
        if not groups or groups[-1].group != document.group:
            groups.append(Group(document.group))
        groups[-1].entries.append(Entry(document, download_links(document)))
    return {"groups": groups, "has_headings": any(group.group for group in groups)}


# The time is its only parameter: its SQL is built once per process, not on every render.
_featured = PreparedList(lambda at: Document.objects.featured(at=at)[:1], timed=True)


def pamphlet(request, page):
    rows = _featured.rows()
    if not rows:
        return {}
    document = rows[0]
    return {"document": document, "links": download_links(document)}


_statistics = PreparedList(lambda: ProgrammeStatistic.objects.order_by("fiscal_year"))


def statistics(request, page):
    rows = _statistics.rows()
    if not rows:
        return {}
    latest = rows[-1]
    has_countries = any(row.countries for row in rows)
    has_breakdown = any(row.alt_count or row.cir_count or row.sea_count for row in rows)

    def optional(row):
        return ((row.countries,) if has_countries else ()) + (
            (row.alt_count, row.cir_count, row.sea_count) if has_breakdown else ()
        )

    summary = charts.summary(rows)
    return {
        "rows": [
            StatisticRow(row.fiscal_year, _figure(row.participants), tuple(_figure(v) for v in optional(row)))
            for row in rows
        ],
        "chart": charts.bar_chart((row.fiscal_year, row.participants) for row in rows),
        "summary": summary,
        # Japanese runs its sentences together; English separates them with a space.
        "summary_text": ("" if get_language() == "ja" else " ").join(summary),
        "as_of": latest.fiscal_year,
        "has_countries": has_countries,
        "has_breakdown": has_breakdown,
        # Each distinct source once, with the language it is really written in.
        "sources": list(dict.fromkeys(source for row in rows if (source := localize(row, "source_note")))),
    }
