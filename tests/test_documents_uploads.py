"""Uploads through the admin, as staff make them: only real documents get in, nothing half-saved."""

import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from test_documents_factories import make_document, ooxml_bytes, pdf_bytes, zip_bytes

from documents.files import OLE2_MAGIC, clean_filename, document_storage
from documents.models import Document

pytestmark = pytest.mark.django_db

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def form_data(**overrides):
    data = {
        "title_en": "PA Handbook",
        "title_ja": "PAハンドブック",
        "description_en": "What the role involves.",
        "description_ja": "",
        "slug": "pa-handbook",
        "order": "0",
        "status": "published",
        "publish_at_0": "2026-01-01",
        "publish_at_1": "09:00:00",
        "change_note_en": "",
        "change_note_ja": "",
        "cover_alt_en": "",
        "cover_alt_ja": "",
    }
    data.update(overrides)
    return data


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def stored_files():
    root = document_storage().location
    return [name for _dirpath, _dirs, names in os.walk(root) for name in names] if os.path.isdir(root) else []


def add(admin_client, **files):
    return admin_client.post(reverse("admin:documents_document_add"), form_data(**files), follow=True)


def test_pdf_and_word_files_are_accepted_and_described(admin_client):
    response = add(
        admin_client,
        file_en=upload("PA-Handbook.pdf", pdf_bytes()),
        file_ja=upload("PAハンドブック.docx", ooxml_bytes()),
    )
    assert response.status_code == 200
    document = Document.objects.get(slug="pa-handbook")
    assert (document.file_en_format, document.file_en_size) == ("pdf", len(pdf_bytes()))
    assert document.file_en_name == "PA-Handbook.pdf"
    assert document.file_ja_format == "docx"
    assert document.file_ja_name == "PAハンドブック.docx"
    # Stored under generated names, in the documents folder.
    assert document.file_en.name.startswith("documents/") and "Handbook" not in document.file_en.name
    assert len(stored_files()) == 2


@pytest.mark.parametrize(
    ("name", "content", "format_code"),
    [
        ("sheet.xlsx", ooxml_bytes("xl/workbook.xml"), "xlsx"),
        ("slides.pptx", ooxml_bytes("ppt/presentation.xml"), "pptx"),
        ("old-form.doc", OLE2_MAGIC + b"\x00" * 504, "doc"),
        ("old-sheet.xls", OLE2_MAGIC + b"\x00" * 504, "xls"),
        ("forms.zip", zip_bytes(), "zip"),
        # The content decides, not the name: a PDF called .docx is a PDF (and is offered as .pdf).
        ("misnamed.docx", pdf_bytes(), "pdf"),
    ],
)
def test_accepted_types_are_recognised_by_content(admin_client, name, content, format_code):
    add(admin_client, file_en=upload(name, content))
    document = Document.objects.get(slug="pa-handbook")
    assert document.file_en_format == format_code
    assert document.file_en_name.endswith("." + format_code)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.pdf", EXECUTABLE, "This file is not a PDF, an Office document or a ZIP archive"),
        ("empty.pdf", b"", "The submitted file is empty"),
        ("installer.msi", OLE2_MAGIC + b"\x00" * 504, "does not end in .doc, .xls or .ppt"),
        ("forms.zip", zip_bytes(("form.pdf", "run-me.exe")), "contains a program, a script or a macro file"),
        ("forms.zip", zip_bytes(("../../etc/passwd",)), "unsafe path"),
        ("broken.zip", b"PK\x03\x04" + b"\x00" * 100, "damaged"),
        ("other.docx", ooxml_bytes("visio/document.xml"), "only Word, Excel and PowerPoint"),
        ("page.pdf", b"<html><script>alert(1)</script></html>", "whatever its name says"),
    ],
)
def test_bad_files_are_refused_and_the_form_is_kept(admin_client, name, content, message):
    response = add(admin_client, file_en=upload(name, content), file_ja=upload("ok.pdf", pdf_bytes()))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    # The rest of what staff typed is still there, ready to submit again.
    assert 'value="PA Handbook"' in html and "What the role involves." in html
    assert not Document.objects.exists()
    assert stored_files() == [], "nothing may be stored half-way"


def test_oversized_file_is_refused_with_the_limit(admin_client, settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 2_000_000
    response = add(admin_client, file_en=upload("big.pdf", pdf_bytes(padding=2_100_000)))
    assert "the limit is 2 MB" in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files() == []


def test_refusal_is_in_japanese_for_japanese_staff(admin_client):
    response = admin_client.post(
        reverse("admin:documents_document_add"),
        form_data(file_en=upload("setup.pdf", EXECUTABLE)),
        headers={"Accept-Language": "ja"},
    )
    assert "PDF、Officeファイル、ZIPアーカイブのいずれでもありません" in response.content.decode()


def test_file_name_with_folders_and_control_characters_is_cleaned(admin_client):
    add(admin_client, file_en=upload("..\\..\\windows\\evil\x07na\u200bme\t.pdf", pdf_bytes()))
    document = Document.objects.get(slug="pa-handbook")
    assert document.file_en_name == "evilname.pdf"
    response = admin_client.get("/en/downloads/pa-handbook/")
    assert response["Content-Disposition"] == 'attachment; filename="evilname.pdf"'


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\staff\\Desktop\\Handbook.pdf", "Handbook.pdf"),
        ("bad\r\nname.pdf", "badname.pdf"),
        ("  spaced\u3000name .pdf", "spaced name.pdf"),
        ("no-extension", "no-extension.pdf"),
        ("...", "fallback.pdf"),
        ("", "fallback.pdf"),
        ("wrong.exe", "wrong.pdf"),
    ],
)
def test_clean_filename(raw, expected):
    assert clean_filename(raw, "pdf", fallback="fallback") == expected


def test_help_text_says_what_is_accepted(admin_client, settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 50_000_000
    html = admin_client.get(reverse("admin:documents_document_add")).content.decode()
    assert "Files are checked by their content, not by their name" in html
    assert "Largest size: 50 MB" in html


def test_replacing_through_the_admin_keeps_the_slug_and_deletes_the_old_file(
    admin_client, client, django_capture_on_commit_callbacks
):
    document = make_document()
    old_en, old_ja = document.file_en.name, document.file_ja.name
    url = reverse("admin:documents_document_change", args=[document.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            url, form_data(slug="renamed", file_en=upload("PA-Handbook-v2.pdf", pdf_bytes("v2")))
        )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.slug == "pa-handbook", "the slug cannot be changed once links exist"
    assert not document_storage().exists(old_en)
    assert document_storage().exists(old_ja), "the untouched language keeps its file"
    assert document.file_ja.name == old_ja
    response = client.get("/en/downloads/pa-handbook/")
    assert b"".join(response.streaming_content) == pdf_bytes("v2")


def test_a_refused_replacement_leaves_the_current_file_in_place(admin_client, client):
    document = make_document()
    url = reverse("admin:documents_document_change", args=[document.pk])
    response = admin_client.post(url, form_data(title_en="Changed", file_en=upload("setup.pdf", EXECUTABLE)))
    assert response.status_code == 200
    document.refresh_from_db()
    assert document.title_en == "PA Handbook"
    assert document_storage().exists(document.file_en.name)
    assert len(stored_files()) == 2
    assert b"".join(client.get("/en/downloads/pa-handbook/").streaming_content) == pdf_bytes("PA Handbook EN")


def test_published_document_needs_a_file(admin_client):
    response = add(admin_client)
    assert "A published document needs a file in at least one language." in response.content.decode()
    assert not Document.objects.exists()


def test_staff_see_download_counts_in_the_list(admin_client, client):
    make_document()
    for _ in range(3):
        b"".join(client.get("/en/downloads/pa-handbook/").streaming_content)
    html = admin_client.get(reverse("admin:documents_document_changelist")).content.decode()
    assert '<td class="field-download_count">3</td>' in html
    assert "EN PDF" in html and "JA PDF" in html


# --- Office files get the ZIP checks; macros, nested archives and programs are refused ------------


def office_bytes(*extra, part="word/document.xml", content_types="<Types/>"):
    """An Office Open XML file with ``extra`` entries: (name, bytes) pairs."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr(part, "<document/>")
        for name, data in extra:
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("evil.docx", office_bytes(("../../../evil.txt", b"x")), "unsafe path: ../../../evil.txt"),
        ("evil.docx", office_bytes(("/etc/cron.d/evil", b"x")), "unsafe path"),
        ("evil.xlsx", office_bytes(("C:evil.txt", b"x"), part="xl/workbook.xml"), "unsafe path"),
        ("evil.docx", office_bytes(("word/payload.exe", b"MZ")), "a program, a script or a macro file"),
        ("macro.docx", office_bytes(("word/vbaProject.bin", b"\xd0\xcf")), "contains macros"),
        (
            "macro.docm",
            office_bytes(
                content_types='<Types><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
            ),
            "contains macros",
        ),
        ("deck.pptx", office_bytes(("ppt/embeddings/sheet.xlsm", b"PK"), part="ppt/presentation.xml"), "macro file"),
        ("inner.docx", office_bytes(("word/embeddings/x.zip", zip_bytes())), "another archive"),
        (
            "forms.zip",
            zip_bytes(("form.pdf", "more-forms.zip")),
            "another archive, which is not accepted: more-forms.zip",
        ),
        ("forms.zip", zip_bytes(("form.pdf", "archive.7z")), "another archive"),
    ],
)
def test_office_files_and_archives_are_checked_inside(admin_client, name, content, message):
    response = add(admin_client, file_en=upload(name, content))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="PA Handbook"' in html and "What the role involves." in html
    assert not Document.objects.exists()
    assert stored_files() == []


def test_a_zip_hidden_under_another_name_is_refused(admin_client):
    hidden = zip_bytes(("setup.exe",))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("form.pdf", b"%PDF-1.4")
        archive.writestr("notes.txt", hidden)
    response = add(admin_client, file_en=upload("forms.zip", buffer.getvalue()))
    assert "another archive, which is not accepted: notes.txt" in response.content.decode()


@pytest.mark.parametrize(
    "program",
    [
        "a.exe", "a.dll", "a.com", "a.bat", "a.cmd", "a.ps1", "a.vbs", "a.js", "a.jse", "a.wsf", "a.msi",
        "a.scr", "a.pif", "a.chm", "a.iso", "a.img", "a.lnk", "a.url", "a.hta", "a.html", "a.htm", "a.svg",
        "a.jar", "a.xlam", "a.reg", "a.docm", "a.xlsm", "a.pptm", "SUB/DIR/RUN.EXE",
    ],
)  # fmt: skip
def test_programs_and_scripts_in_a_zip_are_refused(admin_client, program):
    response = add(admin_client, file_en=upload("forms.zip", zip_bytes(("form.pdf", program))))
    assert f"which is not accepted: {program}" in response.content.decode()
    assert not Document.objects.exists()


def test_an_office_file_with_an_embedded_worksheet_is_accepted(admin_client):
    chart = ooxml_bytes("xl/workbook.xml")
    add(admin_client, file_en=upload("report.docx", office_bytes(("word/embeddings/Sheet1.xlsx", chart))))
    assert Document.objects.get(slug="pa-handbook").file_en_format == "docx"


def test_an_embedded_worksheet_with_macros_is_refused(admin_client):
    chart = office_bytes(("xl/vbaProject.bin", b"\xd0\xcf"), part="xl/workbook.xml")
    response = add(admin_client, file_en=upload("report.docx", office_bytes(("word/embeddings/Sheet1.xlsx", chart))))
    assert "contains macros" in response.content.decode()


def test_the_refusals_are_in_japanese_for_japanese_staff(admin_client, settings):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    cases = [
        (office_bytes(("word/vbaProject.bin", b"x")), "マクロ"),
        (zip_bytes(("form.pdf", "inner.zip")), "別のアーカイブ"),
        (office_bytes(("../evil.txt", b"x")), "安全でないパス"),
        (zip_bytes(("run.exe",)), "プログラム"),
    ]
    for content, words in cases:
        html = add(admin_client, file_en=upload("x.docx", content)).content.decode()
        assert words in html


def test_the_limit_is_shown_as_the_readme_states_it(admin_client, settings):
    # The default: 50 MB, decimal, in the help text and in the refusal alike.
    from jetportal.settings import base

    settings.DOCUMENT_MAX_UPLOAD_BYTES = base.DOCUMENT_MAX_UPLOAD_BYTES
    assert base.DOCUMENT_MAX_UPLOAD_BYTES == 50_000_000
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    html = admin_client.get(reverse("admin:documents_document_add")).content.decode()
    assert "50 MB" in html and "52 MB" not in html
