"""Running a search: which rows match, in what order, one page at a time, in one query."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When, Window
from django.utils.functional import cached_property

from .models import SearchEntry
from .text import excerpt, highlight, query_terms

MAX_QUERY_LENGTH = 100
MAX_TERMS = 10
PER_PAGE = 10


class QueryError(ValueError):
    """A query that cannot be run; the message is for the visitor."""


def parse(raw):
    """The terms of a query as typed; raises QueryError for one that is too long or has too many words."""
    if len(raw) > MAX_QUERY_LENGTH:
        raise QueryError("too_long")
    terms = query_terms(raw)
    if len(terms) > MAX_TERMS:
        raise QueryError("too_many_terms")
    return terms


@dataclass(frozen=True)
class Result:
    entry: SearchEntry
    terms: tuple
    language: str

    @property
    def is_other_language(self):
        return self.entry.language != self.language

    @cached_property
    def title(self):
        return highlight(self.entry.title, self.terms)

    @cached_property
    def excerpt(self):
        text = self.entry.body.text
        return excerpt(text, self.terms) if text else ""


class CountedPaginator(Paginator):
    """A paginator that is told the total rather than counting.

    The total comes with the page's rows, from the one query in search(). A Paginator over the
    ranked queryset would count in a query of its own, matching every row of the index a second
    time (matching is the slow part of a search); only its page arithmetic and checks are used.
    """

    def __init__(self, count, per_page):
        super().__init__((), per_page)
        self.count = count


def matching(terms, language, at=None):
    """Public rows that contain every term, the visitor's language first, title matches before text ones.

    A row in the other language is left out when the same item already matches in the
    visitor's language, so each item is listed once.
    """
    found = SearchEntry.objects.published(at)
    for term in terms:
        found = found.filter(match_key__contains=term)
    in_language = found.filter(kind=OuterRef("kind"), object_id=OuterRef("object_id"), language=language)
    title_matches = sum(
        (Case(When(title_key__contains=term, then=Value(1)), default=Value(0), output_field=IntegerField()))
        for term in terms
    )
    return (
        found.filter(Q(language=language) | ~Exists(in_language))
        .annotate(
            other_language=Case(When(language=language, then=Value(0)), default=Value(1), output_field=IntegerField()),
            title_matches=title_matches,
        )
        .order_by("other_language", "-title_matches", "-date", "kind", "object_id")
    )


def search(terms, language, number=1, per_page=PER_PAGE):
    """Page ``number`` of the results, a Django Page; raises EmptyPage for one past the last.

    The first query finds the page's rows and the total together in one pass over the
    index, carrying only ids through the sort; the second reads those few rows whole.
    """
    offset = (number - 1) * per_page
    found = list(
        matching(terms, language)
        .annotate(total=Window(Count("pk")))
        .values_list("pk", "total")[offset : offset + per_page]
    )
    # Past the last page no row, and so no total, comes back: counting none, the paginator
    # finds any page but the first empty, as it is.
    paginator = CountedPaginator(found[0][1] if found else 0, per_page)
    number = paginator.validate_number(number)
    rows = SearchEntry.objects.select_related("body").defer("title_key", "match_key").in_bulk([pk for pk, _t in found])
    return Page([Result(rows[pk], tuple(terms), language) for pk, _total in found], number, paginator)
