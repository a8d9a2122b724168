"""Demo content for the pages app: the For Organisations page, in English and Japanese.

Facts come from the programme's public page, with their meaning kept; every sentence is
the project's own. The pictures are abstract illustrations, so they carry no description
(decorative: screen readers skip them). What the demo adds beyond that page (the category pages' bodies) is
flagged ``is_sample`` so staff and visitors can tell it from official text.
"""

import datetime

from jetportal.content import Status
from jetportal.demo import create_once, seed_if_empty
from jetportal.demo_images import illustration

from .models import ContactDivision, Page, ParticipantCategory, Quality, Section, Video

HOME = {
    "title_en": "The JET Programme",
    "title_ja": "JETプログラム",
    "summary_en": "Information for the organisations in Japan that welcome participants of the Japan Exchange and Teaching (JET) Programme.",
    "summary_ja": "語学指導等を行う外国青年招致事業（JETプログラム）の参加者を受け入れる国内の団体の皆さまに向けた情報サイトです。",
    "body_en": "<p>Since 1987 the JET Programme has brought young graduates from around the world to communities across Japan. This site gathers what contracting organisations, Prefectural Advisors and companies need in one place: news, manuals, forms and answers to common questions.</p>",
    "body_ja": "<p>JETプログラムは1987年以来、世界各国の若者を日本全国の地域に迎えてきました。このサイトでは、任用団体、プリフェクチュラル・アドバイザー（PA）、企業の皆さまに必要なお知らせ、マニュアル、様式、よくある質問への回答をまとめてご案内します。</p>",
}

ORGANISATIONS = {
    "title_en": "For Organisations",
    "title_ja": "団体の皆さまへ",
    "summary_en": "Everything a contracting organisation needs: the pamphlet, resources by category, the latest news, the participants you will welcome and whom to contact.",
    "summary_ja": "任用団体の皆さまに必要な情報をまとめています。JETパンフレット、カテゴリー別の資料、最新情報、参加者の職種、お問い合わせ先をご覧ください。",
}

SECTIONS = [
    ("pamphlet", "JET Pamphlet", "JETパンフレット", "", ""),
    ("categories", "Browse by Category", "カテゴリー別に探す", "", ""),
    ("updates", "Latest Updates", "最新情報", "", ""),
    (
        "overview",
        "Overview of the JET Programme",
        "JETプログラムの概要",
        "<p>The Japan Exchange and Teaching (JET) Programme mainly invites young university graduates from overseas to work for local governments and other organisations in Japan. Its aims are to improve foreign-language education and to promote international exchange in local communities.</p>"
        "<p>Japan's local authorities run the programme in collaboration with the Ministry of Internal Affairs and Communications (MIC), the Ministry of Foreign Affairs (MOFA), the Ministry of Education, Culture, Sports, Science and Technology (MEXT) and the Council of Local Authorities for International Relations (CLAIR).</p>",
        "<p>語学指導等を行う外国青年招致事業（JETプログラム）は、主に海外の若い大学卒業者を招致し、地方公共団体などで勤務していただく事業です。外国語教育の充実と、地域レベルでの国際交流の推進を目的としています。</p>"
        "<p>本事業は、地方公共団体が、総務省、外務省、文部科学省および一般財団法人自治体国際化協会（クレア）と連携して実施しています。</p>",
    ),
    (
        "participants",
        "JET Programme Participants",
        "JETプログラム参加者",
        "<p>JET Programme participants are outstanding university graduates, screened and selected in their home countries by the overseas missions of Japan's Ministry of Foreign Affairs. Every participant has shown a strong wish to work in Japan, and each is expected to act as an ambassador who builds bridges between Japan and their home country.</p><p>Participants belong to one of three categories.</p>",
        "<p>JETプログラム参加者は、外務省の在外公館が各国で審査・選考した、優秀な大学卒業者です。全員が日本で働くことへの強い意欲を示しており、日本と出身国との懸け橋となる「大使」としての活躍が期待されています。</p><p>参加者の職種は次の三つです。</p>",
    ),
    (
        "statistics",
        "The Programme in Figures",
        "数字で見るJETプログラム",
        "",
        "",
    ),
    (
        "qualities",
        "Common Qualities among JET Programme Participants",
        "JETプログラム参加者に共通する強み",
        "",
        "",
    ),
    (
        "contacts",
        "Contact Information / Enquiries",
        "お問い合わせ",
        "<p>Please contact the division that handles your question.</p>",
        "<p>お問い合わせの内容に応じて、担当の課へご連絡ください。</p>",
    ),
    (
        "videos",
        "See JET in Action",
        "動画で見るJETプログラム",
        "",
        "",
    ),
    (
        "faq",
        "Questions and Answers",
        "質疑応答集",
        "<p>This compilation brings together questions that CLAIR has received, with their answers, sorted by topic, as a reference for your work.</p>",
        "<p>クレアに寄せられた質問とその回答を、テーマ別にまとめました。業務の参考としてご活用ください。</p>",
    ),
]

CATEGORY_PAGES = [
    {
        "slug": "prefectural-advisors",
        "title_en": "For Prefectural Advisors (PAs)",
        "title_ja": "プリフェクチュラル・アドバイザー（PA）の皆さまへ",
        "summary_en": "Resources for Prefectural Advisors (PAs): the PA Handbook, forms and other useful material that help the JET Programme run smoothly.",
        "summary_ja": "プリフェクチュラル・アドバイザー（PA）の皆さま向けに、PAハンドブック、各種様式など、JETプログラムの円滑な運営に役立つ資料をご用意しています。",
        "body_en": "<p>Prefectural Advisors (PAs) are ALTs, CIRs or local-government staff who look after the participants in their prefecture: they answer questions, offer a first point of contact in difficult moments and help organisations keep placements running smoothly. Here you will find the current PA Handbook and the forms you use in that role.</p>",
        "body_ja": "<p>プリフェクチュラル・アドバイザー（PA）は、都道府県内の参加者を支えるALT、CIRまたは地方公共団体の職員です。参加者からの相談に応じ、困ったときの最初の窓口となり、任用団体とともに円滑な受入れを支えます。このページでは最新のPAハンドブックと、PAの業務で使う様式をご案内します。</p>",
        "palette": "teal",
    },
    {
        "slug": "companies",
        "title_en": "For Companies",
        "title_ja": "企業の皆さまへ",
        "summary_en": "How companies can meet former JET participants: what they bring to a workplace, and the career events where you can find them.",
        "summary_ja": "JET経験者の採用をお考えの企業の皆さまへ。経験者の強みと、出会いの場となるキャリアイベントをご紹介します。",
        "body_en": "<p>Every year participants finish their time on the programme with Japanese-language skills, experience of working in Japanese public organisations and a wide network in their region. Many look for their next role in Japan. This page explains how to reach them, including CLAIR's career fairs and internship programmes.</p>",
        "body_ja": "<p>毎年、多くの参加者が日本語能力、日本の公的機関での勤務経験、地域での幅広い人脈を身につけて任期を終えます。その多くが日本国内で次の仕事を探しています。このページでは、クレアが開催するキャリアフェアやインターンシップなど、経験者と出会う方法をご案内します。</p>",
        "palette": "plum",
    },
]

PARTICIPANT_CATEGORIES = [
    {
        "code": "alt",
        "abbreviation": "ALT",
        "name_en": "Assistant Language Teacher (ALT)",
        "name_ja": "外国語指導助手（ALT）",
        "share_percent": 90,
        "description_en": "<p>ALTs are usually placed in schools or boards of education. They take part in foreign-language teaching as assistants to Japanese teachers of foreign languages, help to prepare teaching materials and join extra-curricular activities such as English-language workshops.</p>",
        "description_ja": "<p>ALTは主に学校や教育委員会に配属されます。日本人の外国語担当教員の助手として外国語の授業に携わるほか、教材の作成を手伝い、英語のワークショップなどの課外活動にも参加します。</p>",
        "palette": "navy",
        "motif": "circles",
    },
    {
        "code": "cir",
        "abbreviation": "CIR",
        "name_en": "Coordinator for International Relations (CIR)",
        "name_ja": "国際交流員（CIR）",
        "share_percent": 9,
        "description_en": "<p>CIRs are placed in the international affairs departments of local governments, where they support the authority's international activities, such as international exchange events, translation and interpreting. To carry out these duties, every CIR must have a high level of Japanese: JLPT N2 to N1.</p>",
        "description_ja": "<p>CIRは地方公共団体の国際交流担当部署に配属され、国際交流イベント、翻訳、通訳など、団体が行う国際的な活動を支えます。これらの業務を担うため、CIRには高い日本語能力（日本語能力試験N2～N1）が必要です。</p>",
        "palette": "teal",
        "motif": "circles",
    },
    {
        "code": "sea",
        "abbreviation": "SEA",
        "name_en": "Sports Exchange Advisor (SEA)",
        "name_ja": "スポーツ国際交流員（SEA）",
        "share_percent": 1,
        "description_en": "<p>SEAs are placed in local governments, where they work as sports instructors. As experts in a particular sport, they take part in international exchange by teaching training methods and by planning sports-related projects.</p>",
        "description_ja": "<p>SEAは地方公共団体に配属され、スポーツの指導者として活動します。特定の競技の専門家として、トレーニング方法の指導やスポーツ関連事業の企画を通じて国際交流に携わります。</p>",
        "palette": "forest",
        "motif": "bars",
    },
]

QUALITIES = [
    (
        "They have worked in Japanese organisations and know Japan's distinctive business culture.",
        "日本の組織で働いた経験があり、日本独自のビジネス文化をよく知っています。",
    ),
    (
        "They have experience of speaking in public and strong presentation skills.",
        "人前で話した経験があり、高いプレゼンテーション能力を持っています。",
    ),
    (
        "They are exceptionally flexible and quick to learn, having taken on a wide range of duties in unfamiliar surroundings.",
        "慣れない環境で多様な業務を担う中で培った、優れた柔軟性と習得の早さを備えています。",
    ),
    (
        "They are strong self-starters: used to working in small teams, they are accustomed to creating work and seeing it through on their own.",
        "少人数のチームで働くことに慣れており、自ら仕事を生み出し、一人で最後までやり遂げる主体性があります。",
    ),
    (
        "They have a network of their own, built through their work in schools, local government and other public institutions.",
        "学校、地方公共団体、その他の公的機関での勤務を通じて築いた独自の人脈を持っています。",
    ),
    (
        "Some participants also have work experience in a wide variety of fields.",
        "幅広い分野での職務経験を持つ参加者もいます。",
    ),
]

DIVISIONS = [
    {
        "name_en": "Coordination Division",
        "name_ja": "JET企画調整課",
        "summary_en": "Contact this division with questions about how the JET Programme is run as a whole, or about career-related matters.",
        "summary_ja": "JETプログラム全体の運営や、キャリアに関するお問い合わせはこちらへ。",
        "duties_en": "Planning programme initiatives, including those for ALTs, and producing publicity material\n"
        "Planning and running the Post-Arrival Orientation, the Mid-Year Conferences and the seminar for participants who are not re-contracting\n"
        "Recruitment, selection, placement and re-appointment of participants, and support with travel\n"
        "Career support such as career fairs and internship programmes\n"
        "Coordination with JETOB and JETAA",
        "duties_ja": "ALTに関する施策をはじめとするプログラムの企画、広報資料の作成\n"
        "来日直後オリエンテーション、中間研修、任期満了者向けセミナーの企画・運営\n"
        "参加者の募集、選考、配置、再任用の手続および渡航の支援\n"
        "キャリアフェアやインターンシップなどのキャリア支援\n"
        "JETOBおよびJETAAとの連絡調整",
    },
    {
        "name_en": "Training and Counseling Division",
        "name_ja": "JET研修相談課",
        "summary_en": "Contact this division about participants' daily life and wellbeing, or about the programme's rules.",
        "summary_ja": "参加者の生活や心身の健康、プログラムの規程に関するお問い合わせはこちらへ。",
        "duties_en": "Advice on insurance, pay, taxes, reimbursable costs and re-appointment\n"
        "Online counselling, help with the cost of mental-health counselling, and support in emergencies\n"
        "Information during disasters and guidance on employment rules\n"
        "Training and orientations, including the JET Japanese-language courses\n"
        "Handbooks, manuals and other training material",
        "duties_ja": "保険、報酬、税金、実費弁償、再任用に関する相談\n"
        "オンライン相談、メンタルヘルス相談費用の助成、緊急時の支援\n"
        "災害時の情報提供と就業規則に関する案内\n"
        "JET日本語講座をはじめとする各種研修・オリエンテーション\n"
        "ハンドブック、マニュアルなどの研修資料の作成",
    },
]

VIDEOS = [
    {
        "title_en": "JET Promotional Video",
        "title_ja": "JETプログラム紹介動画",
        "description_en": "An introduction to how the JET Programme works and what it is about.",
        "description_ja": "JETプログラムの仕組みと目的をご紹介する短い動画です。",
        "palette": "navy",
    },
    {
        "title_en": "JET Programme Experiences",
        "title_ja": "JETプログラム参加者の一日",
        "description_en": "Life as a JET, through the experiences of three participants. A day with each of them shows the roles of ALT (Assistant Language Teacher), CIR (Coordinator for International Relations) and SEA (Sports Exchange Advisor): Shanisa, an ALT in Niigata City; Alice, a CIR in Ichinomiya City; and Alexander, an SEA in Higashikawa Town.",
        "description_ja": "3人のJETプログラム参加者の経験から、JETとしての生活をご紹介します。新潟市のALTシャニサさん、一宮市のCIRアリスさん、東川町のSEAアレクサンダーさんの一日を通して、外国語指導助手（ALT）、国際交流員（CIR）、スポーツ国際交流員（SEA）それぞれの役割が分かります。",
        "palette": "teal",
    },
]


def load(report):
    home = create_once(Page, {"kind": Page.Kind.HOME, "slug": "home"}, status=Status.PUBLISHED, order=0, **HOME)
    organisations = create_once(
        Page,
        {"parent": home, "slug": "organisations"},
        kind=Page.Kind.LANDING,
        status=Status.PUBLISHED,
        order=1,
        image=illustration("navy", motif="circles"),
        **ORGANISATIONS,
    )
    for order, (kind, heading_en, heading_ja, intro_en, intro_ja) in enumerate(SECTIONS):
        create_once(
            Section,
            {"page": organisations, "kind": kind},
            order=order,
            heading_en=heading_en,
            heading_ja=heading_ja,
            intro_en=intro_en,
            intro_ja=intro_ja,
        )
    for order, data in enumerate(CATEGORY_PAGES):
        data = dict(data)
        palette = data.pop("palette")
        create_once(
            Page,
            {"parent": organisations, "slug": data.pop("slug")},
            kind=Page.Kind.CATEGORY,
            status=Status.PUBLISHED,
            # The seed gives these pages a title and a line each; their bodies are the demo's.
            is_sample=True,
            order=order,
            image=illustration(palette, size=(800, 450), motif="bars", seed=order),
            **data,
        )
    for order, data in enumerate(PARTICIPANT_CATEGORIES):
        data = dict(data)
        image = illustration(data.pop("palette"), size=(640, 480), motif=data.pop("motif"), seed=order)
        create_once(ParticipantCategory, {"code": data.pop("code")}, order=order, image=image, **data)
    seed_if_empty(Quality, [{"order": order, "text_en": en, "text_ja": ja} for order, (en, ja) in enumerate(QUALITIES)])
    seed_if_empty(
        ContactDivision,
        [
            {"order": order, "opens_at": datetime.time(9, 0), "closes_at": datetime.time(17, 45), **data}
            for order, data in enumerate(DIVISIONS)
        ],
    )
    seed_if_empty(
        Video,
        [
            {"order": order, "poster": illustration(palette, motif="play", seed=order), **data}
            for order, (palette, data) in enumerate((data.pop("palette"), data) for data in map(dict, VIDEOS))
        ],
    )
    report("pages", Page.objects.count())
