"""Data for the landing-page sections that the pages app owns (one query each at most)."""

from jetportal.prepared import PreparedList

from .models import ContactDivision, Page, ParticipantCategory, Quality, Video

# Whole small tables in their order: the SQL is built once (see jetportal.prepared).
_participant_categories = PreparedList(lambda: ParticipantCategory.objects.all())
_qualities = PreparedList(lambda: Quality.objects.all())
_divisions = PreparedList(lambda: ContactDivision.objects.all())
_videos = PreparedList(lambda: Video.objects.all())
# The time and the landing page are its parameters.
_categories = PreparedList(lambda at, page_id: Page.objects.categories_of(page_id, at=at), timed=True, keyed=True)


def overview(request, page):
    return {}


def categories(request, page):
    return {"category_pages": _categories.rows(key=page.pk)}


def participants(request, page):
    return {"categories": _participant_categories.rows()}


def qualities(request, page):
    return {"qualities": _qualities.rows()}


def contacts(request, page):
    return {"divisions": _divisions.rows()}


def videos(request, page):
    return {"videos": _videos.rows()}
