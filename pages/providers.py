"""Data for the landing-page sections that the pages app owns (one query each at most)."""

from jetportal.prepared import PreparedList

from .models import ContactDivision, Page, ParticipantCategory, Quality, Video

# Whole small tables in their order: the SQL is built once (see jetportal.prepared).
_participant_categories = PreparedList(lambda: ParticipantCategory.objects.all())
_qualities = PreparedList(lambda: Quality.objects.all())
_divisions = PreparedList(lambda: ContactDivision.objects.all())
_videos = PreparedList(lambda: Video.objects.all())


def overview(request, page):
    return {}


def categories(request, page):
    return {"category_pages": list(Page.objects.categories_of(page))}


def participants(request, page):
    return {"categories": _participant_categories.rows()}


def qualities(request, page):
    return {"qualities": _qualities.rows()}


def contacts(request, page):
    return {"divisions": _divisions.rows()}


def videos(request, page):
    return {"videos": _videos.rows()}
