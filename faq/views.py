from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.middleware.csrf import rotate_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from jetportal.cache import cache_public_page

from . import gate
from .forms import SearchForm, UnlockForm
from .models import AccessSetting, Entry
from .presenters import VERSIONS, build_topics, version_links


@require_safe
@cache_public_page
def index(request):
    return render(request, "faq/index.html", {"versions": version_links()})


@gate.gated
@require_safe
def version(request, version):
    setting = AccessSetting.load()
    until = gate.unlocked_until(request, setting)
    if until is None:
        return redirect(f"{reverse('faq:unlock')}?{urlencode({'next': request.get_full_path()})}")
    info = VERSIONS[version]
    search = SearchForm(request.GET or None)
    query = search.query()
    # Staff who manage the Q&A also see drafts and scheduled entries, marked, as a preview.
    preview = request.user.has_perm("faq.view_entry")
    entries = Entry.objects.for_reading(preview=preview)
    if query:
        entries = entries.search(query)
    topics = build_topics(entries, info.languages)
    context = {
        "info": info,
        "versions": version_links(current=version),
        "search": search,
        "query": query,
        "topics": topics,
        "result_count": sum(len(topic.entries) for topic in topics),
        "page_url": request.path,
        "unlocked_until": until,
        "is_preview": preview and any(not item.entry.is_public for topic in topics for item in topic.entries),
    }
    return render(request, "faq/version.html", context)


@gate.gated
def unlock(request):
    setting = AccessSetting.load()
    next_url = gate.safe_next(request, request.POST.get("next") or request.GET.get("next"))
    # The question the visitor was sent here from (#q-3): browsers never send it, so the page's
    # script copies it into the form; without the script the visitor lands at the top of the version.
    fragment = gate.safe_fragment(request.POST.get("fragment"))
    if request.method == "POST":
        form = UnlockForm(request.POST)
        if form.is_valid():
            try:
                correct = gate.try_password(request, setting, form.cleaned_data["password"])
            except gate.Throttled as throttled:
                return _throttled(request, form, next_url, throttled)
            if correct:
                gate.unlock(request, setting)
                rotate_token(request)
                target = next_url or reverse("faq:version", kwargs={"version": "bilingual"})
                return redirect(f"{target}#{fragment}" if fragment else target)
            form.add_error("password", _("The password is not correct. Please check it and try again."))
    elif request.method in ("GET", "HEAD"):
        if gate.is_unlocked(request, setting):
            if next_url:
                return redirect(next_url)
            return render(request, "faq/unlock.html", {"already_unlocked": True, "versions": version_links()})
        form = UnlockForm()
    else:
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    context = {
        "form": form,
        "next_url": next_url,
        "fragment": fragment,
        "prompts": _prompts(),
        "ended": gate.pop_ended_notice(request),
        "has_password": setting.has_password,
    }
    return render(request, "faq/unlock.html", context)


# The prompt is in both languages for every visitor (each organisation's officer may read
# either); the page's own language comes first.
PROMPTS = {
    "en": (
        "Please enter the password",
        "The Q&A is for contracting organisations of the JET Programme. CLAIR sends the password to each "
        "organisation. It opens all three versions: bilingual, English and Japanese.",
    ),
    "ja": (
        "パスワードを入力してください",
        "質疑応答集は、JETプログラムの任用団体の皆さま専用です。パスワードはクレアから各団体にお知らせしています。"
        "一つのパスワードで、日英併記版・英語版・日本語版のすべてを閲覧できます。",
    ),
}


def _prompts():
    current = get_language()
    order = sorted(PROMPTS, key=lambda code: code != current)
    return [{"lang": code, "prompt": PROMPTS[code][0], "instructions": PROMPTS[code][1]} for code in order]


def _throttled(request, form, next_url, throttled):
    local_retry = timezone.localtime(throttled.retry_at)
    minutes = max(1, round(throttled.retry_after_seconds / 60))
    message = _(
        "Too many wrong passwords were entered from your network. Please try again after %(time)s (in about %(minutes)d minutes)."
    ) % {
        "time": formats.time_format(local_retry, "H:i"),
        "minutes": minutes,
    }
    context = {
        "form": UnlockForm(),
        "next_url": next_url,
        "fragment": gate.safe_fragment(request.POST.get("fragment")),
        "prompts": _prompts(),
        "throttled_message": message,
        "has_password": True,
    }
    response = render(request, "faq/unlock.html", context, status=429)
    response["Retry-After"] = str(throttled.retry_after_seconds)
    return response


@gate.gated
@require_POST
def lock(request):
    gate.lock(request)
    messages.info(request, _("The Q&A is locked again on this device. Enter the password to read it."))
    return redirect("faq:index")
