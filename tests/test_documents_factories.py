"""Small builders shared by the documents tests (this module holds no tests itself)."""

import io
import zipfile

from django.core.files.base import ContentFile

from documents.models import Document, DocumentGroup
from documents.pdf import one_page_pdf
from jetportal.content import Status
from pages.models import Page


def pdf_bytes(title="Test document", padding=0):
    """A real PDF; ``padding`` grows it (inside a comment line) for range and size tests."""
    data = one_page_pdf(title)
    if padding:
        data = data.replace(b"%%EOF\n", b"%" + b"x" * padding + b"\n%%EOF\n")
    return data


def pdf_file(name="document.pdf", title="Test document", padding=0):
    return ContentFile(pdf_bytes(title, padding), name=name)


def ooxml_bytes(part="word/document.xml"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<document/>")
    return buffer.getvalue()


def zip_bytes(names=("form-a.pdf", "form-b.docx")):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, b"%PDF-1.4 content")
    return buffer.getvalue()


def category_pages():
    """Home > For Organisations > For Prefectural Advisors, For Companies, all published."""
    home = Page.objects.create(kind=Page.Kind.HOME, slug="home", title_en="Home", status=Status.PUBLISHED)
    organisations = Page.objects.create(
        parent=home,
        slug="organisations",
        kind=Page.Kind.LANDING,
        title_en="For Organisations",
        title_ja="団体の皆さまへ",
        status=Status.PUBLISHED,
    )
    pas = Page.objects.create(
        parent=organisations,
        slug="prefectural-advisors",
        kind=Page.Kind.CATEGORY,
        title_en="For Prefectural Advisors (PAs)",
        title_ja="プリフェクチュラル・アドバイザー（PA）の皆さまへ",
        status=Status.PUBLISHED,
    )
    companies = Page.objects.create(
        parent=organisations,
        slug="companies",
        kind=Page.Kind.CATEGORY,
        title_en="For Companies",
        title_ja="企業の皆さまへ",
        status=Status.PUBLISHED,
    )
    return organisations, pas, companies


def make_document(slug="pa-handbook", en=True, ja=True, category=None, group=None, **values):
    """A published document with a generated PDF per requested language."""
    files = {}
    if en:
        files["file_en"] = en if isinstance(en, ContentFile) else pdf_file("PA-Handbook.pdf", "PA Handbook EN")
    if ja:
        files["file_ja"] = ja if isinstance(ja, ContentFile) else pdf_file("PAハンドブック.pdf", "PA Handbook JA")
    values.setdefault("title_en", "PA Handbook")
    values.setdefault("title_ja", "PAハンドブック")
    values.setdefault("status", Status.PUBLISHED)
    return Document.objects.create(slug=slug, category=category, group=group, **files, **values)


def make_group(name_en="Handbooks", name_ja="ハンドブック", order=0):
    return DocumentGroup.objects.create(name_en=name_en, name_ja=name_ja, order=order)
