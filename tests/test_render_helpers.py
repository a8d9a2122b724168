"""What the landing render's cheaper helpers give is what Django's general ones give."""

import datetime

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.urls import reverse, translate_url
from django.utils import translation

from jetportal import addresses, dates
from jetportal.localized import Localized

DAYS = [datetime.date(2026, 1, 5), datetime.date(2026, 11, 29), datetime.date(2027, 12, 31)]
# 23:30 on 31 December in UTC is already 1 January in Tokyo (the site's time zone).
LATE_UTC = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)


def _django(source, **values):
    return Template("{% load portal %}" + source).render(Context(values))


@pytest.mark.parametrize("language", ["en", "ja"])
def test_dates_read_as_the_date_filter_writes_them(language):
    with translation.override(language):
        for value in [*DAYS, LATE_UTC]:
            assert _django("{{ v|local_date }}", v=value) == _django('{{ v|date:"DATE_FORMAT" }}', v=value)
            assert _django("{{ v|iso_date }}", v=value) == _django("{{ v|date:'Y-m-d' }}", v=value)
        assert dates.local_date(LATE_UTC) == dates.local_date(datetime.date(2027, 1, 1))
    assert _django("{{ v|local_date }}", v=None) == ""


def test_a_date_is_worded_in_each_language_however_often_it_was_asked_before():
    day = DAYS[1]
    with translation.override("en"):
        english = dates.local_date(day)
    with translation.override("ja"):
        assert dates.local_date(day) == "2026年11月29日" != english


def test_clock_times_read_as_the_time_filter_writes_them():
    for value in (datetime.time(9, 0), datetime.time(17, 45), datetime.time(0, 5)):
        assert _django("{{ v|clock_time }}", v=value) == _django('{{ v|time:"G:i" }}', v=value)
        assert _django('{{ v|clock_time:"padded" }}', v=value) == _django("{{ v|time:'H:i' }}", v=value)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_remembered_addresses_are_the_addresses(language):
    with translation.override(language):
        assert addresses.address("updates:list") == reverse("updates:list")
        assert addresses.address("pages:page", path="organisations") == reverse(
            "pages:page", kwargs={"path": "organisations"}
        )
        path = reverse("updates:list")
        for other in ("en", "ja"):
            assert addresses.address_in(path, other) == translate_url(path, other)
        assert _django("{% address 'updates:list' %}") == reverse("updates:list")
        assert _django("{% address 'no-such:view' as url %}[{{ url }}]") == "[]"


def test_remembered_addresses_follow_a_changed_url_configuration():
    before = addresses.address("updates:list")
    with override_settings(ROOT_URLCONF="tests.urls_elsewhere"):
        assert addresses.address("updates:list") == "/elsewhere/" == reverse("updates:list")
    assert addresses.address("updates:list") == before == reverse("updates:list")


def test_translated_text_prints_escaped_and_marks_its_language():
    plain = Localized("Fish & <chips>", "ja", True)
    assert _django("<p{{ t.lang_attr }}>{{ t }}</p>", t=plain) == '<p lang="ja">Fish &amp; &lt;chips&gt;</p>'
    assert _django("<p{{ t.lang_attr }}>{{ t }}</p>", t=Localized("Plain", "en", False)) == "<p>Plain</p>"
    assert Localized("a", "en", False) == Localized("a", "en", False)
    assert len({Localized("a", "en", False), Localized("a", "en", False)}) == 1
