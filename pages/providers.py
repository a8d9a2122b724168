"""Data for the landing-page sections that the pages app owns (one query each at most)."""

from .models import ContactDivision, Page, ParticipantCategory, Quality, Video


def overview(request, page):
    return {}


def categories(request, page):
    return {"category_pages": list(Page.objects.categories_of(page))}


def participants(request, page):
    return {"categories": list(ParticipantCategory.objects.all())}


def qualities(request, page):
    return {"qualities": list(Quality.objects.all())}


def contacts(request, page):
    return {"divisions": list(ContactDivision.objects.all())}


def videos(request, page):
    return {"videos": list(Video.objects.all())}
