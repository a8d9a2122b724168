"""Helpers for the Q&A tests: a small set of entries, the password, an unlocked client."""

import re

from jetportal.content import Status

from .models import AccessSetting, Entry, Topic

PASSWORD = "plum-blossom-umbrella-42"


def set_password(password=PASSWORD):
    setting = AccessSetting.load()
    setting.set_password(password)
    return setting


def make_content():
    """Two topics; one entry lacks its Japanese answer, one draft must never show."""
    contracts = Topic.objects.create(slug="contracts", name_en="Contracts", name_ja="契約", order=1)
    money = Topic.objects.create(slug="money", name_en="Money", name_ja="お金", order=2)
    entries = {
        "renewal": Entry.objects.create(
            topic=contracts,
            order=1,
            status=Status.PUBLISHED,
            question_en="When is the renewal deadline?",
            question_ja="再任用の締切はいつですか。",
            answer_en="<p>The deadline is announced each <strong>winter</strong>.</p>",
            answer_ja="<p>締切は毎年冬にお知らせします。</p>",
        ),
        "housing": Entry.objects.create(
            topic=contracts,
            order=2,
            status=Status.PUBLISHED,
            question_en="Who finds the flat?",
            question_ja="住居は誰が探しますか。",
            answer_en="<p>The contracting organisation helps with the flat.</p>",
            answer_ja="",
        ),
        "tax": Entry.objects.create(
            topic=money,
            order=1,
            status=Status.PUBLISHED,
            question_en="Is ＡＬＴ income taxed?",
            question_ja="ALTの所得に住民税はかかりますか。",
            answer_en="<p>Resident tax starts in the second year.</p>",
            answer_ja="<p>住民税は2年目から課税されます。</p>",
        ),
        "draft": Entry.objects.create(
            topic=money,
            order=2,
            status=Status.DRAFT,
            question_en="A draft question about secret bonuses?",
            question_ja="下書きの質問：秘密の賞与？",
            answer_en="<p>Draft answer.</p>",
            answer_ja="<p>下書きの回答。</p>",
        ),
    }
    return entries


def csrf_token(response):
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', response.content)
    return match.group(1).decode() if match else None


def unlock(client, lang="en", password=PASSWORD, next_url=""):
    return client.post(f"/{lang}/faq/unlock/", {"password": password, "next": next_url})


def gated_texts():
    """Every question and (plain) answer text in the database, published or not."""
    from django.utils.html import strip_tags

    texts = []
    for entry in Entry.objects.all():
        for code in ("en", "ja"):
            texts.append(getattr(entry, f"question_{code}"))
            texts.append(strip_tags(getattr(entry, f"answer_{code}")))
    return [text for text in texts if text]
