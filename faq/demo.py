"""Demo Q&A: questions contracting organisations ask CLAIR, answered in English and Japanese.

Every text is the project's own and flagged as sample content. The answers are a demo: they point to the contracting
organisation manual and the supervisor handbook for the rules that apply.
Two entries have no Japanese answer yet, to show how the pages say so.
"""

import secrets

from jetportal.content import Status
from jetportal.demo import create_once

from .models import AccessSetting, Entry, Topic

# (slug, English name, Japanese name, [(question_en, question_ja, answer_en, answer_ja), ...])
TOPICS = [
    (
        "appointment",
        "Appointment and contracts",
        "任用・契約",
        [
            (
                "How long is a participant appointed for?",
                "JETプログラム参加者の任用期間はどのくらいですか。",
                "<p>Each appointment runs for one year from the day the participant arrives. If both the participant and your organisation agree, the appointment can be renewed year by year. The upper limit and the conditions for renewal are set out in the contracting organisation manual.</p>",
                "<p>任用期間は、参加者の来日日から1年間です。参加者と任用団体の双方が希望する場合は、1年ごとに再任用できます。再任用の上限と条件は任用団体マニュアルに定められています。</p>",
            ),
            (
                "When do we have to tell CLAIR whether we will reappoint a participant?",
                "再任用の意向はいつまでにクレアへ伝える必要がありますか。",
                "<p>Your organisation and the participant each decide on reappointment in the winter before the contract ends. CLAIR announces the exact deadline every year; please talk to the participant well before it, so that they have time to think about their plans.</p>",
                "<p>再任用の意向は、任期が終わる前年の冬に、任用団体と参加者の双方で確認します。毎年の締切日はクレアからお知らせします。参加者が今後の予定を考える時間を持てるよう、締切より十分前に話し合いの機会を設けてください。</p>",
            ),
            (
                "Can we change a participant's workplace during the year?",
                "年度の途中で参加者の勤務先を変更できますか。",
                "<p>Yes, within your organisation, for example from one school to another. Explain the reason to the participant in advance and record the change in their working conditions. A move to a different contracting organisation is not a change of workplace: it needs CLAIR's involvement.</p>",
                "<p>任用団体の中での変更（例えば学校間の異動）であれば可能です。事前に参加者へ理由を説明し、勤務条件の変更として記録してください。別の任用団体への移籍は勤務先の変更には当たらず、クレアとの調整が必要です。</p>",
            ),
            (
                "A participant wants to leave before the end of their contract. What should we do?",
                "参加者が任期途中での退職を希望しています。どうすればよいですか。",
                "<p>First listen to the reasons: sometimes a problem at work or at home can be solved. If the participant still wishes to leave, agree on the last working day, tell CLAIR as early as possible and follow the steps for early departure in the contracting organisation manual.</p>",
                "<p>まずは理由をよく聞いてください。職場や生活上の問題であれば、解決できる場合もあります。それでも退職を希望する場合は最終勤務日を取り決め、できるだけ早くクレアに連絡し、任用団体マニュアルに定める任期途中の退職手続きを進めてください。</p>",
            ),
            (
                "Can a participant take on a second job?",
                "参加者が副業をすることはできますか。",
                "<p>Participants are public employees of your organisation, so the rules on outside work that apply to your other staff apply to them too. Paid outside work normally needs your organisation's permission in advance; unpaid volunteering usually does not.</p>",
                "<p>参加者は任用団体の職員ですので、他の職員と同じく兼業に関する規定が適用されます。報酬を伴う兼業には、通常、任用団体の事前の許可が必要です。無償のボランティア活動であれば、通常は許可は不要です。</p>",
            ),
        ],
    ),
    (
        "salary-tax",
        "Salary and tax",
        "報酬・税金",
        [
            (
                "How much are participants paid?",
                "参加者の報酬額はどのように決まりますか。",
                "<p>The programme sets a standard annual remuneration that rises with each year of appointment. The amounts for the current year are in the contracting organisation manual. Your organisation pays the remuneration monthly, like its other staff.</p>",
                "<p>JETプログラムでは、任用年数に応じて上がる標準的な年間報酬額を定めています。本年度の金額は任用団体マニュアルをご覧ください。報酬は、他の職員と同様に任用団体から毎月支払います。</p>",
            ),
            (
                "Do participants pay Japanese income tax?",
                "参加者は日本の所得税を納める必要がありますか。",
                "<p>Usually, yes. Some ALTs from countries that have a tax treaty with Japan may be exempt for a limited period, but only if the conditions of the treaty are met and the right forms reach the tax office. Check each case; do not assume that an exemption applies.</p>",
                "<p>原則として納める必要があります。日本と租税条約を結んでいる国の出身の外国語指導助手（ALT）は、条約の条件を満たし、必要な届出を税務署に提出した場合に限り、一定期間免税となることがあります。個別に確認し、免税を前提とした取扱いはしないでください。</p>",
            ),
            (
                "Why does a participant pay resident tax in their second year?",
                "参加者に2年目から住民税がかかるのはなぜですか。",
                "<p>Resident tax is charged on the previous year's income. In the first year there is usually no Japanese income from the year before, so the tax starts in the second year. Please explain this early, so the deductions do not come as a surprise.</p>",
                "<p>住民税は前年の所得に対して課税されます。来日1年目は通常、前年に日本での所得がないため、2年目から課税が始まります。給与からの天引きに参加者が驚かないよう、早めに説明してください。</p>",
            ),
            (
                "Who pays for a participant's commute?",
                "参加者の通勤にかかる費用は誰が負担しますか。",
                "<p>Commuting allowances follow your organisation's own rules for its staff. Where a participant has to use their own car for work trips, agree in writing how fuel and insurance are covered.</p>",
                "<p>通勤手当は、任用団体の職員に関する規定に従って支給してください。業務で参加者が自家用車を使う場合は、燃料費や保険の扱いを書面で取り決めてください。</p>",
            ),
        ],
    ),
    (
        "insurance",
        "Insurance and pensions",
        "保険・年金",
        [
            (
                "Which insurance must a participant be enrolled in?",
                "参加者はどの保険に加入する必要がありますか。",
                "<p>Participants join the public health insurance and pension schemes that apply to your organisation's staff, and employment insurance where it applies. In addition, CLAIR arranges a group accident insurance for all participants; your organisation pays the premium.</p>",
                "<p>参加者は、任用団体の職員に適用される公的医療保険と年金制度に加入し、該当する場合は雇用保険にも加入します。このほか、クレアが全参加者を対象とした団体傷害保険を手配しており、保険料は任用団体の負担となります。</p>",
            ),
            (
                "Can participants get their pension contributions back when they leave Japan?",
                "帰国する参加者は年金保険料の払い戻しを受けられますか。",
                "<p>Participants who leave Japan may claim a lump-sum withdrawal payment for the pension contributions they made. They apply after they have left, within the time limit. Please give them the forms and explain the steps before they go.</p>",
                "<p>日本を出国した参加者は、納付した年金保険料について脱退一時金を請求できます。請求は出国後、期限内に本人が行います。帰国前に必要書類を渡し、手続きを説明してください。</p>",
            ),
            (
                "A participant was injured on the way to work. Is this covered?",
                "参加者が通勤途中にけがをしました。補償の対象になりますか。",
                "<p>An accident on the usual route to or from work is normally treated as a commuting accident under the workers' accident compensation rules for your organisation's staff. Report it to your personnel section quickly, and keep the participant informed of what they need to submit.</p>",
                "<p>通常の経路での通勤中の事故は、一般に、任用団体の職員に適用される公務災害（または労働災害）補償制度の通勤災害として扱われます。速やかに人事担当課へ報告し、参加者に必要な提出書類を伝えてください。</p>",
            ),
            (
                "Does the group accident insurance cover a participant's family?",
                "団体傷害保険は参加者の家族も対象になりますか。",
                "<p>No, it covers the participant only. Family members who live with the participant in Japan join the public health insurance as dependants or in their own right, depending on their situation.</p>",
                "",
            ),
        ],
    ),
    (
        "leave",
        "Leave and working hours",
        "休暇・勤務時間",
        [
            (
                "How many days of paid leave does a participant have?",
                "参加者の年次有給休暇は何日ですか。",
                "<p>At least the number set for your organisation's staff in their first year, and never fewer than the programme's minimum in the contracting organisation manual. Unused days can be carried over in the same way as for your other staff.</p>",
                "<p>任用団体の職員の1年目と同じ日数以上とし、任用団体マニュアルに定める最低日数を下回らないようにしてください。使わなかった日数の繰越しも、他の職員と同様に扱います。</p>",
            ),
            (
                "Do school holidays count as leave for an ALT?",
                "学校の長期休業期間は、ALTの休暇になりますか。",
                "<p>No. When pupils are on holiday, an ALT is still at work unless they take paid leave. Plan useful tasks for those weeks, such as preparing materials, training or visits to other schools.</p>",
                "<p>なりません。児童生徒が長期休業中でも、年次有給休暇を取得しない限り、ALTは勤務日です。教材の準備、研修、他校の訪問など、その期間に取り組む業務を計画してください。</p>",
            ),
            (
                "A participant needs to go home because a family member is seriously ill. What leave can they take?",
                "家族が重い病気のため、参加者が一時帰国を希望しています。どの休暇を使えますか。",
                "<p>Check first whether your organisation's special leave covers the case; otherwise the participant uses paid leave. Be as flexible as your rules allow and agree how you will stay in touch while they are away.</p>",
                "<p>まず、任用団体の特別休暇の対象となるかを確認し、対象とならない場合は年次有給休暇を使います。規定の範囲内でできるだけ柔軟に対応し、不在中の連絡方法を取り決めておいてください。</p>",
            ),
            (
                "Can participants work overtime?",
                "参加者に時間外勤務を命じることはできますか。",
                "<p>Only within the rules that apply to your staff, and with overtime pay or time off in lieu as those rules require. Evening and weekend events are work: agree in advance how the hours will be compensated.</p>",
                "<p>職員に適用される規定の範囲内でのみ可能で、規定に従って時間外勤務手当の支給または代休の付与が必要です。夜間や週末の行事への参加も勤務に当たりますので、その扱いを事前に取り決めてください。</p>",
            ),
        ],
    ),
    (
        "housing",
        "Housing and daily life",
        "住居・生活",
        [
            (
                "Must our organisation provide housing?",
                "任用団体は住居を用意しなければなりませんか。",
                "<p>Your organisation must help the participant find suitable housing, because a newcomer can rarely rent a flat alone. Many organisations rent a flat themselves or act as guarantor. The rent is paid by the participant unless your rules say otherwise.</p>",
                "<p>来日直後の参加者が自力で住居を借りることは難しいため、任用団体には適切な住居の確保を支援していただく必要があります。団体が借り上げる、または保証人となる例が多くあります。家賃は、団体の規定で別に定めない限り参加者の負担です。</p>",
            ),
            (
                "Who pays the key money and deposit when a participant moves in?",
                "入居時の礼金や敷金は誰が負担しますか。",
                "<p>Decide this before the participant arrives and write it down. Large payments on arrival are a real burden for someone who has not yet received a salary, so many organisations pay them or spread them over several months.</p>",
                "<p>参加者の来日前に決めて、書面に残してください。給与を受け取る前の参加者にとって、入居時のまとまった支払いは大きな負担です。任用団体が負担したり、数か月に分けて支払えるようにしたりする例が多くあります。</p>",
            ),
            (
                "What should we do with the flat when a participant leaves?",
                "参加者が退去するとき、住居はどうすればよいですか。",
                "<p>If your organisation keeps the flat for the next participant, check its condition together with the departing participant and agree what stays. Settle utility bills and the return of keys before the last working day.</p>",
                "<p>後任の参加者のために住居を引き継ぐ場合は、退去する参加者と一緒に室内の状態を確認し、残す家具などを取り決めてください。光熱費の精算と鍵の返却は、最終勤務日までに済ませてください。</p>",
            ),
            (
                "Does a participant need a car?",
                "参加者に車は必要ですか。",
                "<p>It depends on where they work. If schools or the office cannot be reached by public transport, tell the candidate before they accept the post, and explain how they can convert their driving licence.</p>",
                "<p>勤務地によります。公共交通機関で学校や職場に通えない場合は、参加者が任用を受諾する前にその旨を伝え、運転免許の切替え方法も案内してください。</p>",
            ),
        ],
    ),
    (
        "training",
        "Conferences and training",
        "研修・会議",
        [
            (
                "Which conferences must participants attend?",
                "参加者が必ず出席する研修は何ですか。",
                "<p>All new participants attend the Post-Arrival Orientation organised by CLAIR. Prefectures also hold a mid-year conference. Attending these is part of the participant's work, so it is not taken as leave.</p>",
                "<p>新規の参加者は全員、クレアが実施する来日直後オリエンテーションに出席します。また、都道府県が中間研修を実施します。これらへの出席は参加者の職務の一部であり、休暇として扱うものではありません。</p>",
            ),
            (
                "Who pays the travel costs for conferences?",
                "研修に参加するための旅費は誰が負担しますか。",
                "<p>Travel to conferences the participant attends as part of their work is a business trip, paid under your organisation's travel rules.</p>",
                "",
            ),
            (
                "Can a supervisor attend training too?",
                "担当者も研修に参加できますか。",
                "<p>Yes. CLAIR runs sessions for staff who supervise participants, and the supervisor handbook covers the questions supervisors ask most. New supervisors find them especially useful.</p>",
                "<p>はい、参加できます。クレアでは参加者の担当職員向けの研修を実施しており、担当者ハンドブックにも担当者からよく寄せられる質問をまとめています。新任の担当者の方に特にお勧めです。</p>",
            ),
            (
                "How can a participant improve their Japanese?",
                "参加者が日本語を学ぶ方法はありますか。",
                "<p>CLAIR offers JET Japanese-language courses at several levels, free of charge to participants. Encourage them to enrol and allow time for study where work permits.</p>",
                "<p>クレアでは、参加者が無料で受講できるレベル別のJET日本語講座を用意しています。受講を勧め、業務に支障のない範囲で学習の時間を確保してください。</p>",
            ),
            (
                "Are there skill development sessions for ALTs who teach with our teachers?",
                "日本人教員と授業を行うALT向けの研修はありますか。",
                "<p>Yes. Skill development conferences bring ALTs and Japanese teachers of English together to practise team teaching. Sending both partners gives the best results.</p>",
                "<p>あります。ALTと日本人英語教員が一緒にティーム・ティーチングを学ぶ研修があります。ペアで参加していただくと、より効果的です。</p>",
            ),
        ],
    ),
    (
        "health",
        "Health and emergencies",
        "健康・緊急時の対応",
        [
            (
                "A participant seems to be struggling with their mental health. How can we help?",
                "参加者が心の不調を抱えているようです。どのように支援できますか。",
                "<p>Talk with them privately and without judgement. Tell them about the counselling that CLAIR offers, including online counselling and help with the cost of seeing a counsellor, and involve the Prefectural Advisor if the participant agrees.</p>",
                "<p>周囲に配慮した場所で、先入観を持たずに話を聞いてください。クレアが提供するオンラインカウンセリングやカウンセリング費用の補助を案内し、本人の同意があればプリフェクチュラル・アドバイザー（PA）にも相談してください。</p>",
            ),
            (
                "What should we do after an earthquake or a typhoon?",
                "地震や台風の後、任用団体は何をすべきですか。",
                "<p>Confirm that each participant is safe and tell CLAIR, following your organisation's disaster plan. Make sure participants know where the nearest shelter is and how they will receive warnings in a language they understand.</p>",
                "<p>団体の防災計画に従って参加者の安否を確認し、クレアに報告してください。日頃から、最寄りの避難所と、理解できる言語で警報を受け取る方法を参加者に伝えておいてください。</p>",
            ),
            (
                "A participant has to go to hospital. Should someone go with them?",
                "参加者が病院に行く必要があります。誰かが付き添うべきですか。",
                "<p>If the participant's Japanese is limited or the situation is serious, a colleague or supervisor should go with them. Respect their privacy: share medical details only with the people who need to know, and only with their consent.</p>",
                "<p>参加者の日本語能力が十分でない場合や、症状が重い場合は、同僚や担当者が付き添ってください。医療に関する情報は本人の同意を得たうえで、必要な人にのみ伝えるなど、プライバシーに配慮してください。</p>",
            ),
            (
                "Whom can we call outside business hours in an emergency?",
                "業務時間外の緊急時には、どこに連絡すればよいですか。",
                "<p>Call the emergency services first when a life is at risk. Then follow your prefecture's emergency contact list; CLAIR's divisions are open from 9:00 to 17:45 on weekdays and will help with what follows.</p>",
                "<p>命に関わる場合は、まず119番または110番に通報してください。その後、都道府県の緊急連絡網に従って連絡してください。クレアの担当課は平日9:00～17:45に対応しており、その後の手続きを支援します。</p>",
            ),
        ],
    ),
]


def load(report):
    topics = entries = 0
    for order, (slug, name_en, name_ja, items) in enumerate(TOPICS, start=1):
        topic = create_once(Topic, {"slug": slug}, name_en=name_en, name_ja=name_ja, order=order * 10)
        topics += 1
        # Entries are added only to a topic that has none: staff edits and deletions stay as they are.
        if topic.entries.exists():
            continue
        for position, (question_en, question_ja, answer_en, answer_ja) in enumerate(items, start=1):
            Entry.objects.create(
                topic=topic,
                order=position * 10,
                question_en=question_en,
                question_ja=question_ja,
                answer_en=answer_en,
                answer_ja=answer_ja,
                status=Status.PUBLISHED,
                # The programme's page shows no answers: every one here is the demo's own.
                is_sample=True,
            )
            entries += 1
    report("Q&A topics", topics)
    report("Q&A entries added", entries)

    setting = AccessSetting.load()
    if setting.has_password:
        report("Q&A password", "already set (change it in the admin or with `manage.py set_faq_password`)")
    else:
        # A new password on every fresh install, printed here once and stored only as a hash.
        password = secrets.token_urlsafe(12)
        setting.set_password(password)
        report("Q&A password (shown once)", password)
