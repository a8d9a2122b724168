"""Demo content for Latest Updates: sample programme news from 2017 to 2026, in English and Japanese.

Every sentence is the project's own and every item is flagged as sample content; the dates and audience tags of the three items on the
programme's page (10 October 2023, 11 May 2018, 23 May 2017) carry over.
"""

import datetime
from zoneinfo import ZoneInfo

from jetportal.content import Status
from jetportal.demo import create_once
from jetportal.demo_images import illustration

from .models import Audience, Update

TOKYO = ZoneInfo("Asia/Tokyo")
CURRENT, FORMER, ORGS, PROVIDERS = "current-jets", "former-jets", "organisations", "service-providers"


def _at(date, hour=10):
    return datetime.datetime(date.year, date.month, date.day, hour, tzinfo=TOKYO)


UPDATES = [
    {
        "slug": "thirtieth-anniversary-events",
        "date": datetime.date(2017, 5, 23),
        "audiences": [CURRENT, FORMER, ORGS],
        "title_en": "The JET Programme turns thirty: events around the country",
        "title_ja": "JETプログラム30周年：全国で記念行事を開催します",
        "summary_en": "Thirty years after the first participants arrived, CLAIR and local authorities are holding talks, exhibitions and reunions throughout the year.",
        "summary_ja": "最初の参加者の来日から30年を迎え、クレアと各地の地方公共団体が、講演会、展示、交流会などを年間を通じて開催します。",
        "body_en": "<p>In 1987 the first 848 participants came to Japan from four countries. To mark thirty years since then, prefectures and cities are organising events that bring together current participants, former participants and the schools and offices that welcomed them.</p><p>Contracting organisations planning their own event may ask the Coordination Division for the anniversary logo and display panels.</p>",
        "body_ja": "<p>1987年、4か国から848人の参加者が来日しました。それから30年を記念して、各都道府県・市町村が、現役参加者、JET経験者、受入れ先の学校や職場の皆さまが集う行事を企画しています。</p><p>独自に記念行事を予定している任用団体は、記念ロゴや展示パネルの貸出しについてJET企画調整課までご相談ください。</p>",
    },
    {
        "slug": "career-fair-2018",
        "date": datetime.date(2018, 5, 11),
        "audiences": [FORMER],
        "title_en": "Career fair for former participants: registration now open",
        "title_ja": "JET経験者向けキャリアフェア：参加登録を受け付けています",
        "summary_en": "Employers looking for people with experience of Japanese public organisations will meet former JETs in Tokyo this summer.",
        "summary_ja": "日本の公的機関での勤務経験を持つ人材を求める企業と、JET経験者が出会う場を今夏東京で開催します。",
        "body_en": "<p>The fair brings together companies, universities and public bodies that value the skills participants gain during their time on the programme. Former participants can meet recruiters, attend short talks on job hunting in Japan and have their CV reviewed.</p><p>Places are limited; registration closes once they are filled.</p>",
        "body_ja": "<p>このフェアには、JETプログラムで培われた力を評価する企業、大学、公的機関が集まります。JET経験者の皆さまは、採用担当者との面談、日本での就職活動に関するミニ講演、履歴書の添削を利用できます。</p><p>定員に達し次第、受付を終了します。</p>",
    },
    {
        "slug": "organisation-manual-2019",
        "date": datetime.date(2019, 3, 29),
        "audiences": [ORGS],
        "title_en": "Contracting organisation manual: 2019 edition",
        "title_ja": "任用団体マニュアル2019年度版を公開しました",
        "summary_en": "The revised manual reflects changes to leave rules and clarifies what to do when a participant falls ill.",
        "summary_ja": "休暇制度の変更を反映し、参加者が病気になった場合の対応を分かりやすく整理しました。",
        "body_en": "<p>This edition brings the chapters on paid leave and special leave into line with the revised model terms of employment. A new checklist helps supervisors support a participant who needs medical care, from the first phone call to the insurance claim.</p>",
        "body_ja": "<p>今回の改訂では、年次休暇と特別休暇の章を改正後の任用モデル規程に合わせました。また、参加者が医療を必要とする場合に、最初の連絡から保険請求までを担当者が確認できるチェックリストを新たに設けました。</p>",
    },
    {
        "slug": "school-closures-guidance-2020",
        "date": datetime.date(2020, 3, 6),
        "audiences": [CURRENT, ORGS],
        "title_en": "Work arrangements while schools are closed",
        "title_ja": "学校の臨時休業期間中の勤務について",
        "summary_en": "Guidance for ALTs and their contracting organisations on duties, working from another place and leave during temporary school closures.",
        "summary_ja": "学校の臨時休業中のALTの業務内容、勤務場所の変更、休暇の取扱いについて、参加者と任用団体向けにまとめました。",
        "body_en": "<p>When schools close temporarily, participants remain employees of their contracting organisation. Organisations decide where and how participants work, for example preparing teaching materials at the board of education. Leave should not be imposed in place of work.</p><p>Participants with questions about their own situation should first speak to their supervisor, then to their Prefectural Advisor.</p>",
        "body_ja": "<p>学校が臨時休業となっても、参加者は引き続き任用団体の職員です。勤務場所や業務内容（教育委員会での教材作成など）は任用団体がお決めください。業務の代わりに休暇の取得を求めることは避けてください。</p><p>個別の状況について疑問がある参加者は、まず担当者に、次にプリフェクチュラル・アドバイザー（PA）にご相談ください。</p>",
    },
    {
        "slug": "japanese-course-enrolment-2021",
        "date": datetime.date(2021, 7, 1),
        "audiences": [CURRENT],
        "title_en": "JET Japanese-language course: enrolment for the new term",
        "title_ja": "JET日本語講座：新学期の受講申込みについて",
        "summary_en": "Beginner, intermediate and advanced courses, now fully online, are open to every participant free of charge.",
        "summary_ja": "初級・中級・上級の各コースを全面オンラインで実施します。参加者は全員無料で受講できます。",
        "body_en": "<p>The courses follow a self-study plan with monthly assignments marked by tutors. Participants who complete the advanced course receive a certificate. Please ask your supervisor before enrolling, as some study may take place during working hours.</p>",
        "body_ja": "<p>講座は自習計画に沿って進め、毎月の課題を講師が添削します。上級コースの修了者には修了証を交付します。勤務時間中に学習する場合もあるため、申込みの前に担当者にご相談ください。</p>",
    },
    {
        "slug": "orientation-services-tender-2022",
        "date": datetime.date(2022, 2, 14),
        "audiences": [PROVIDERS],
        "title_en": "Invitation to tender: orientation venues and interpreting",
        "title_ja": "入札のお知らせ：オリエンテーション会場および通訳業務",
        "summary_en": "CLAIR invites proposals from companies able to provide venues, accommodation and interpreting for the Post-Arrival Orientation.",
        "summary_ja": "来日直後オリエンテーションの会場、宿泊、通訳を提供できる事業者からの提案を募集します。",
        "body_en": "<p>The contract covers three orientation sessions in Tokyo in the summer, each for several hundred new participants. Proposals must show experience of events of a similar size and the ability to provide interpreting between Japanese and English.</p>",
        "body_ja": "<p>夏に東京で3回実施するオリエンテーション（各回数百人規模）が対象です。同規模の行事の実績と、日英通訳を提供できる体制を提案書でお示しください。</p>",
    },
    {
        "slug": "divisions-new-office",
        "date": datetime.date(2023, 10, 10),
        "audiences": [CURRENT, FORMER, ORGS, PROVIDERS],
        "title_en": "CLAIR's JET Programme divisions have moved",
        "title_ja": "クレアのJETプログラム担当課が移転しました",
        "summary_en": "The Coordination Division and the Training and Counseling Division now work from a new office. Telephone numbers and business hours are unchanged.",
        "summary_ja": "JET企画調整課とJET研修相談課は新しい事務所で業務を行っています。電話番号と受付時間に変更はありません。",
        "body_en": "<p>Please send post to the new address from today. Mail sent to the old address will be forwarded for six months. Business hours remain 9:00 to 17:45 on weekdays.</p>",
        "body_ja": "<p>本日以降、郵便物は新しい住所宛てにお送りください。旧住所宛ての郵便物は6か月間転送されます。受付時間は引き続き平日9時から17時45分までです。</p>",
    },
    {
        "slug": "tax-guidance-2024",
        "date": datetime.date(2024, 6, 3),
        "audiences": [CURRENT, ORGS],
        "title_en": "Tax guidance for participants: residence and tax treaties",
        "title_ja": "参加者の税金に関する案内：居住者区分と租税条約",
        "summary_en": "Which participants may be exempt from Japanese income tax under a tax treaty, and what contracting organisations must file to apply the exemption.",
        "summary_ja": "租税条約により所得税が免除される参加者の条件と、免除を受けるために任用団体が提出すべき書類をまとめました。",
        "body_en": "<p>Some tax treaties exempt teachers from income tax in Japan for their first two years. The exemption is not automatic: the contracting organisation submits a form to the tax office before the first payment of salary, together with a certificate of residence from the participant's home country.</p><p>Participants from countries without such a treaty pay income tax and resident tax as Japanese employees do.</p>",
        "body_ja": "<p>一部の租税条約では、教員について来日後2年間の所得税を免除しています。免除は自動的には適用されません。任用団体が最初の給与支払いの前に、参加者の出身国の居住者証明書を添えて、所定の届出書を税務署に提出する必要があります。</p><p>こうした条約がない国の参加者は、日本の職員と同様に所得税と住民税を納めます。</p>",
        "significant_change_at": _at(datetime.date(2024, 7, 16), 15),
        "change_note_en": "The list of countries with a teacher exemption was corrected.",
        "change_note_ja": "教員免税の対象国一覧を訂正しました。",
    },
    {
        "slug": "placement-requests-fy2025",
        "date": datetime.date(2024, 11, 5),
        "audiences": [ORGS],
        "title_en": "Requests for participants for fiscal 2025",
        "title_ja": "2025年度の参加者の任用希望調査について",
        "summary_en": "Contracting organisations planning to welcome new participants in fiscal 2025 should send their requests through their prefecture.",
        "summary_ja": "2025年度に新たに参加者の受入れを予定している任用団体は、都道府県を通じて希望をご提出ください。",
        "body_en": "<p>The survey asks how many ALTs, CIRs and SEAs you wish to welcome, any language or experience you need, and the likely place of work. Prefectures collect the answers and forward them to CLAIR.</p>",
        "body_ja": "<p>調査では、受入れを希望するALT、CIR、SEAの人数、必要な言語や経験、勤務予定先をお尋ねします。回答は都道府県が取りまとめ、クレアへ送付します。</p>",
    },
    {
        "slug": "career-fair-2025",
        "date": datetime.date(2025, 5, 20),
        "audiences": [FORMER, ORGS],
        "title_en": "Career fair 2025: a chance for employers to meet former participants",
        "title_ja": "キャリアフェア2025：JET経験者と出会う機会です",
        "summary_en": "Organisations and companies that wish to hire former participants can book a stand at this year's fair.",
        "summary_ja": "JET経験者の採用を考えている団体・企業の皆さまは、今年のフェアの出展をお申し込みいただけます。",
        "body_en": "<p>Last year more than sixty employers took part. Stands are free for public bodies and contracting organisations; companies pay a small fee towards the venue. Former participants attend free of charge.</p>",
        "body_ja": "<p>昨年は60を超える団体・企業が出展しました。公的機関と任用団体の出展は無料、企業は会場費の一部をご負担いただきます。JET経験者の参加は無料です。</p>",
    },
    {
        "slug": "mid-year-conference-2025",
        "date": datetime.date(2025, 9, 12),
        "audiences": [CURRENT],
        "title_en": "Mid-Year Conferences: dates for each block",
        "title_ja": "中間研修：ブロックごとの日程について",
        "summary_en": "The Mid-Year Conferences for second-year and later participants take place between November and February, block by block.",
        "summary_ja": "2年目以降の参加者を対象とした中間研修を、11月から2月にかけてブロックごとに実施します。",
        "body_en": "<p>Sessions cover team teaching, planning events for local communities, and looking after your health through the winter. Your contracting organisation will tell you the date and place for your block; attendance counts as work.</p>",
        "body_ja": "<p>ティーム・ティーチング、地域行事の企画、冬の健康管理などを取り上げます。日程と会場は任用団体からお知らせします。研修への参加は勤務として扱われます。</p>",
    },
    {
        "slug": "organisation-manual-2026",
        "date": datetime.date(2026, 4, 1),
        "audiences": [ORGS],
        "pinned": True,
        "image": ("navy", "bars", 2),
        "title_en": "Contracting organisation manual: 2026 edition",
        "title_ja": "任用団体マニュアル2026年度版を公開しました",
        "summary_en": "A shorter, easier manual, with a new chapter on supporting participants' careers after the programme.",
        "summary_ja": "より簡潔で読みやすくなり、任期終了後のキャリア支援に関する章を新設しました。",
        "body_en": "<p>The 2026 edition is a third shorter than the last one. Each chapter opens with a summary of what a supervisor must do and when. The new chapter explains how organisations can help participants prepare for their next job, including time off to attend career fairs.</p>",
        "body_ja": "<p>2026年度版は前年度版より3分の1ほど短くなりました。各章の冒頭に、担当者が行うべきことと時期の要点をまとめています。新設の章では、キャリアフェアへの参加のための休暇など、参加者が次の仕事に備えるために任用団体ができる支援を説明しています。</p>",
        "image_alt_en": "Illustration: navy and red bars of different heights on a pale blue background.",
        "image_alt_ja": "薄い青の背景に、高さの異なる紺と赤の棒が並ぶイラスト。",
    },
    {
        "slug": "alumni-survey-2026",
        "date": datetime.date(2026, 7, 8),
        "audiences": [CURRENT, FORMER],
        "title_en": "Survey: where has the JET Programme taken you?",
        "title_ja": "アンケート：JETプログラムはその後の歩みにどう生きていますか",
        "summary_en": "Current and former participants are invited to a short survey on how the programme has shaped their studies and careers.",
        "summary_ja": "現役JET参加者とJET経験者の皆さまに、プログラムが学業やキャリアに与えた影響について短いアンケートへのご協力をお願いします。",
        "body_en": "<p>The survey takes about ten minutes. Answers are anonymous and help CLAIR and the ministries improve support for participants during and after the programme.</p>",
        "body_ja": "<p>所要時間は約10分です。回答は匿名で扱い、プログラム期間中および終了後の参加者支援の改善に役立てます。</p>",
        "link": "https://example.org/jet-survey",
        "link_text_en": "Take the survey",
        "link_text_ja": "アンケートに回答する",
    },
    {
        "slug": "placement-requests-fy2027",
        "date": datetime.date(2026, 11, 18),
        "audiences": [ORGS],
        "pinned": True,
        "deadline": datetime.date(2026, 12, 18),
        "title_en": "Requests for participants for fiscal 2027: reply by 18 December",
        "title_ja": "2027年度の参加者の任用希望調査：12月18日までにご回答ください",
        "summary_en": "Contracting organisations that wish to welcome new participants in fiscal 2027 should reply to the survey through their prefecture.",
        "summary_ja": "2027年度に新たに参加者の受入れを希望する任用団体は、都道府県を通じて調査にご回答ください。",
        "body_en": "<p>This year the survey form is shorter and can be filled in online. Please give the number of participants you wish to welcome in each category and the schools or offices where they would work. Requests received after the deadline may not be met.</p>",
        "body_ja": "<p>今年度は調査票を簡素化し、オンラインで回答できるようにしました。職種ごとの受入れ希望人数と、勤務予定の学校・事務所をご記入ください。締切後のご希望には沿えない場合があります。</p>",
    },
    {
        "slug": "year-end-closure-2026",
        "date": datetime.date(2026, 12, 1),
        "audiences": [CURRENT, ORGS, PROVIDERS],
        "title_en": "Year-end and New Year closure",
        "title_ja": "年末年始の休業について",
        "summary_en": "CLAIR's JET Programme divisions are closed from 29 December to 3 January. Emergency support for participants continues.",
        "summary_ja": "クレアのJETプログラム担当課は12月29日から1月3日まで休業します。参加者の緊急時の支援は継続します。",
        "body_en": "<p>Enquiries received during the closure will be answered from 5 January. In an emergency, participants should contact their contracting organisation first and then use the emergency number in their handbook.</p>",
        "body_ja": "<p>休業期間中のお問い合わせには1月5日以降に回答します。緊急時には、参加者はまず任用団体に連絡し、その後ハンドブックに記載の緊急連絡先をご利用ください。</p>",
    },
]


def load(report):
    audiences = {audience.slug: audience for audience in Audience.objects.ensure_defaults()}
    report("update audiences", len(audiences))
    created = 0
    for item in UPDATES:
        values = dict(item)
        slug = values.pop("slug")
        tags = values.pop("audiences")
        if Update.objects.filter(slug=slug).exists():
            continue  # Left as staff may have edited it, tags included.
        image = values.pop("image", None)
        if image is not None:
            palette, motif, seed = image
            values["image"] = illustration(palette, (960, 540), motif, seed)
        values.setdefault("publish_at", _at(values["date"]))
        values.setdefault("status", Status.PUBLISHED)
        # Only the dates and tags of three items come from the programme's page; the texts are the demo's.
        values["is_sample"] = True
        update = create_once(Update, {"slug": slug}, **values)
        update.audiences.set([audiences[tag] for tag in tags])
        created += 1
    report("updates added", created)
