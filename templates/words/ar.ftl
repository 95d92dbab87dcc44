# العربية: كلمات القوالب المدمجة في brief ومسودات الرسائل.
#
# يغيّر المشروع أي رسالة بملف يحمل الاسم نفسه في مجلده `templates/words/` (الرسائل المعدّلة
# وحدها). صيغ الأعداد: [zero] و[one] و[two] و[few] (3–10) و[many] (11–99) و[other].
# الأرقام عربية هندية في `ar`، ولاتينية في `ar-u-nu-latn` وفي بعض المناطق (مثل `ar-MA`).

## فترات التواريخ: ٤–٥ نوفمبر ٢٠٢٤، ٣٠ أبريل – ٢ مايو ٢٠١٨.
date-range-same-month = { $first }–{ $last }
date-range-same-year = { $first } – { $last }
date-range-months = { $first }–{ $last }
date-range = { $first } – { $last }

## ما يكتبه السياق.
claim-field = الحقل «{ $field }»
claim-field-title = العنوان الرسمي
claim-field-short-title = العنوان المختصر
claim-field-kind = نوع الفعالية
claim-field-sequence = رقم الاجتماع
claim-field-parent = الفعالية التي كانت جزءًا منها
claim-field-start = تاريخ البدء
claim-field-end = تاريخ الانتهاء
claim-field-location = المكان
claim-field-organizers = الجهات المنظمة
label-speaking-for = { $who }، باسم { $party }
announced-field-start = التواريخ
announced-field-location = المكان
announced-field-sequence = الرقم في العملية
announced-field-organizers = الجهات المنظمة
announced-field-title = العنوان
announced-field-kind = النوع
announced-field-hosts = الجهات المضيفة
announced-field-funders = الجهات الممولة
announced-field-regions = المناطق
announced-field-topics = المواضيع
announced-field-parent = الفعالية الأم
announced-field-process = العملية
place-years = { $place } ({ $years })
place-years-announced = { $place } ({ $years }، حسب الإعلان)

## كلمات ملفات Typst المشتركة.
label-official-title = العنوان الرسمي
label-description = الوصف
label-kind = النوع
label-dates = التواريخ
label-place = المكان
label-part-of = في إطار
label-related-to = ذو صلة بـ
label-hosted-by = الجهة المضيفة
label-organised-by = الجهات المنظمة
label-financed-by = الجهات الممولة
label-regions = المناطق
label-topics = المواضيع
label-note = ملاحظة
label-status = الحالة
label-taking-part = المشاركون
label-outcome = النتيجة
label-announced = إعلان مسبق
label-announced-event = أُعلن عنها مسبقًا؛ ولا تفيد المصادر بانعقادها
label-dates-announced = التواريخ حسب الإعلان
label-place-announced = المكان حسب الإعلان
label-dates-place-announced = التواريخ والمكان حسب الإعلان
label-said-ahead = نُشر قبل الفعالية
label-summary = بتصرّف
label-claim = يذكر أحد المصادر { $field }: { $value }
label-party = الطرف
label-role = الدور
label-head = الممثل
label-event = الفعالية
label-none-recorded = —
label-capacity-led = رئيس الوفد
label-capacity-spoke = متحدث
label-capacity-received = الجانب المستقبِل
label-capacity-represented = ممثل
label-figure = شكل
label-source = المصدر
label-timeline-alt = التسلسل الزمني: { $entries }
label-assessment-note = { $title } — رأي المحلل، لا واقعة موثقة بمصدر
label-assessment-confidence = درجة الثقة: { $confidence }
label-assessment-rests-on = يستند إلى: { $records }
label-unknown-announced-event = { $event }: أُعلن عنها مسبقًا؛ ولا تفيد المصادر بانعقادها.
label-unknown-announced-facts = { $event }: لا تُعرف هذه المعلومات ({ $what }) إلا من مصادر نُشرت قبل الفعالية.
label-unknown-announced-outcome = { $event }: أُعلن عن الوثيقة «{ $what }»؛ ولا يفيد أي مصدر باعتمادها.
label-unknown-announced-figure = { $event }: لم تُذكر الأرقام ({ $what }) إلا قبل افتتاح الفعالية؛ ولا توجد أرقام لاحقة مسجلة.
label-unknown-announced-participation = { $event }: أُعلن عن مشاركة { $what }؛ ولا يؤكد أي مصدر أنها تمت.
label-unknown-announced-participation-as = { $event }: أُعلن عن مشاركة { $what } بصفة { $detail }؛ ولا يؤكد أي مصدر أنها تمت.
label-unknown-no-participants = { $event }: لا يذكر أي مصدر أسماء المشاركين.
label-unknown-sources-differ = { $event }: تختلف المصادر بشأن { $what }.
label-unknown-sources-differ-one = { $event }: تختلف المصادر بشأن { $what } (يذكر أحدها { $detail }).
label-new-since = ما الجديد منذ إصدار { $date }
label-new-compared = مقارنةً بإصدار { $date }.
label-new-compared-named = مقارنةً بإصدار { $date } ({ $edition }).
label-new-bar = يشير خط في الهامش إلى ما هو { $new } أو { $changed } منذ ذلك الحين.
label-new-word = جديد
label-changed-word = معدَّل
label-new-nothing = لم يتغير شيء مما تتناوله هذه الإحاطة منذ ذلك الحين.
label-change-added = جديد
label-change-changed = معدَّل
label-change-removed = لم يعد مسجلًا
label-field-added = { $field }: أُضيف — { $value }.
label-field-removed = { $field }: حُذف (كان { $value }).
label-field-changed = { $field }: تغيّر من { $old } إلى { $new }.
label-as-of = حتى تاريخ { $date }
label-page-of = الصفحة { $page } من { $pages }
label-contents = المحتويات
label-contents-line = المحتويات:
label-reference = الرقم المرجعي
label-prepared-by = أعدّها
label-cleared-by = اعتمدها
label-contact = للتواصل
label-distribution = التوزيع
label-address = العنوان
label-briefing = إحاطة
label-assessment = تقييم
label-unknowns = ما لا نعرفه
label-hosted-by-inline = باستضافة { $parties }
label-organised-by-inline = بتنظيم من { $parties }
## مفردات قاعدة الوقائع.
assessment-bottom-line = الخلاصة
assessment-key-judgement = تقدير رئيسي
assessment-talking-point = نقطة للحديث
assessment-next-step = الخطوة التالية
assessment-open-question = سؤال مفتوح
confidence-low = منخفضة
confidence-moderate = متوسطة
confidence-high = عالية
kind-conference = مؤتمر
kind-side-event = فعالية جانبية
kind-meeting = اجتماع
kind-visit = زيارة
kind-other = فعالية
role-host = مضيف
role-organizer = منظم
role-delegation = وفد
role-speaker = متحدث
role-observer = مراقب
role-other = دور آخر
initiative-strategy = استراتيجية
initiative-proposal = مقترح
initiative-position = موقف
initiative-initiative = مبادرة
initiative-other = أخرى
figure-qualified = { $qualifier ->
    [over] أكثر من { $value }
    [under] أقل من { $value }
    [about] نحو { $value }
    [at-least] ما لا يقل عن { $value }
    [up-to] حتى { $value }
   *[other] { $qualifier } { $value }
}
figure-with-label = { $label }: { $quantity }

## القوالب المدمجة. الأقسام.
section-summary = ملخص
section-timeline = التسلسل الزمني
section-figures = الأرقام الرئيسية
section-participation = المشاركة
section-participants = المشاركون
section-discussions = المناقشات
section-statements = التصريحات
section-initiatives = المواقف والمبادرات المعلنة
section-outcome = النتائج
section-claims = مواضع اختلاف المصادر
section-related = فعاليات ذات صلة
section-linked = فعاليات ذات صلة
section-others = فعاليات أخرى مسجلة
section-sources = المصادر
section-assessment = تقييم
section-talking-points = نقاط للحديث والخطوات التالية والأسئلة المفتوحة
section-involvement = المشاركة عبر السنين
section-roles = الدور في كل فعالية
section-said-by = ما قاله ممثلو { $party ->
        [organization] المنظمة
       *[other] البلد
    }
section-said-of = ما قاله الآخرون عن { $party ->
        [organization] المنظمة
       *[other] البلد
    }
section-meetings = اجتماعات ثنائية وغيرها
section-country-initiatives = المبادرات والمواقف

## process-history
ph-kind = تاريخ العملية
ph-subtitle = تاريخ العملية
ph-subtitle-years = تاريخ العملية، { $years }
ph-description = تاريخ «{ $name }»، مع المصادر
ph-launched-by-in = الجهة التي أطلقت العملية: { $by }؛ تاريخ الإطلاق: { $when }
ph-launched-by = الجهة التي أطلقت العملية: { $by }
ph-launched-in = تاريخ إطلاق العملية: { $when }
ph-met = { $count ->
    [1] عُقد اجتماع واحد للعملية، في { $places }
    [2] عُقد اجتماعان للعملية بين { $first } و{ $last }، في { $places }
    [few] عُقدت { $count } اجتماعات للعملية بين { $first } و{ $last }، في { $places }
    [many] عُقد { $count } اجتماعًا للعملية بين { $first } و{ $last }، في { $places }
   *[other] عُقد { $count } اجتماع للعملية بين { $first } و{ $last }، في { $places }
}
ph-latest-held = عُقد آخر اجتماع، { $name }، في { $dates }
ph-latest-announced = كان من المقرر عقد آخر اجتماع، { $name }، في { $dates }
ph-hosted-by = ، واستضافته { $hosts }
ph-host-announced = ، مع الإعلان عن { $hosts } بلدًا مضيفًا
ph-no-meetings = لا تسجل قاعدة الوقائع أي اجتماع للعملية بعد.
ph-themes = المواضيع:
ph-timeline-caption = اجتماعات العملية (مصمتة) والاجتماعات ذات الصلة (مفرغة)، حسب التاريخ.
ph-figures-caption = الأرقام الرئيسية التي أوردتها المصادر لأكثر من اجتماع واحد.
ph-figures-alt = الأرقام الرئيسية: { $measures }
ph-figures-none = لا توجد أرقام رئيسية مسجلة لـ{ $events }.
ph-linked-note = فعاليات ليست من اجتماعات «{ $name }» لكن قاعدة الوقائع تربطها به.
ph-others-note = فعاليات في قاعدة الوقائع لا تربطها مصادرها بـ«{ $name }».

## country-participation
cp-kind = ملخص مشاركة بلد
cp-subtitle = المشاركة
cp-subtitle-in = المشاركة في { $processes }
cp-subtitle-in-others = المشاركة في { $processes } وفعاليات أخرى
cp-description = مشاركة { $name } في الفعاليات المسجلة، مع المصادر
cp-country = البلد
cp-official-name = الاسم الرسمي
cp-region = المنطقة
cp-processes = العمليات
cp-initiator = صاحب المبادرة
cp-events = الفعاليات المسجلة
cp-appears = { $count ->
    [1] يرد اسم { $name } في فعالية واحدة مسجلة
    [2] يرد اسم { $name } في فعاليتين مسجلتين
    [few] يرد اسم { $name } في { $count } فعاليات مسجلة
    [many] يرد اسم { $name } في { $count } فعالية مسجلة
   *[other] يرد اسم { $name } في { $count } فعالية مسجلة
}
cp-hosted = ؛ واستضاف { $events }
cp-organised = ؛ وشارك في تنظيم { $events }
cp-launched = أطلق { $name } { $processes }
cp-hosted-heading = { $event }: { $announced ->
    [yes] استضافة معلنة مسبقًا
   *[other] استضافة
}
cp-none-reported = لا تفيد المصادر بأي فعالية شارك فيها { $name }.
cp-announced-only = أُعلن مسبقًا، دون تأكيد لاحق: مشاركته في { $events }
cp-headed = { $count ->
    [one] ترأس وفده: { $people }
   *[other] ترأس وفوده: { $people }
}
cp-people = { $capacity ->
    [spoke] تحدث باسمه: { $people }
    [received] الجانب المستقبِل باسمه: { $people }
    [announced] أُعلن عن مشاركة { $people } باسمه
   *[other] مثّله: { $people }
}
cp-statements = { $count ->
    [1] تسجل المصادر تصريحًا واحدًا باسمه
    [2] تسجل المصادر تصريحين باسمه
    [few] تسجل المصادر { $count } تصريحات باسمه
    [many] تسجل المصادر { $count } تصريحًا باسمه
   *[other] تسجل المصادر { $count } تصريح باسمه
}
cp-no-events = لا تسجل قاعدة الوقائع أي فعالية شارك فيها { $name }.
cp-per-year-caption = الفعاليات المسجلة التي شارك فيها { $name }، حسب السنة.
cp-per-year-alt = الفعاليات حسب السنة: { $years }
cp-timeline-caption = الفعاليات التي شارك فيها { $name }، حسب التاريخ.
cp-timeline-caption-announced = الفعاليات التي شارك فيها { $name } أو أُعلن عن مشاركته فيها، حسب التاريخ.

## organization-participation (بقية الكلمات من ملخص البلد، `cp-…`)
op-kind = ملخص مشاركة منظمة
op-description = مشاركة { $name } في الفعاليات المسجلة، مع المصادر
op-organization = المنظمة
op-kind-label = النوع
op-parent = تابعة لـ
org-kind-un-entity = كيان تابع للأمم المتحدة
org-kind-intergovernmental = منظمة حكومية دولية
org-kind-regional = منظمة إقليمية
org-kind-civil-society = منظمة من منظمات المجتمع المدني
org-kind-government-body = هيئة حكومية
org-kind-other = منظمة أخرى


## event-brief
eb-kind = إحاطة عن فعالية
eb-kind-of = إحاطة عن فعالية · { $process }
eb-as-announced = { $text } (حسب الإعلان)
eb-description = إحاطة عن { $title }، مع المصادر
eb-kind-label = النوع
eb-kind-meeting = { $kind }، الاجتماع رقم { $sequence } في «{ $process }»
eb-kind-in = { $kind } في إطار «{ $process }»
eb-series = السلسلة
eb-series-nearest = عدد الاجتماعات: { $count }؛ الأقرب:
eb-dates-announced = { $dates }، حسب الإعلان

## مسودات الرسائل وعناوينها.
subject-process-history = { $name }: تاريخ العملية (حتى { $date })
subject-process-history-years = { $name }: تاريخ العملية، { $years } (حتى { $date })
subject-country-participation = { $name }: ملخص المشاركة (حتى { $date })
subject-organization-participation = { $name }: ملخص المشاركة (حتى { $date })
subject-event-brief = إحاطة: { $name }، { $dates }
email-greeting = الزملاء الأعزاء،
email-attached-generic = تجدون مرفقًا: { $description }
email-attachment = المرفق: { $name } ({ $pages ->
    [1] صفحة واحدة
    [2] صفحتان
    [few] { $pages } صفحات
   *[other] { $pages } صفحة
}، { $size })
email-footnoted = حتى تاريخ { $date }. كل واقعة في المرفق موثقة بمصدرها في حاشية.
email-briefing = إحاطة
email-prepared-by = أعدّها: { $name }
email-contact = للتواصل: { $contact }
email-reference = المرجع: { $reference }
email-announced = { $text } (إعلان مسبق)
email-as-announced = { $text } (حسب الإعلان)
email-new-since = ما الجديد منذ إصدار { $date }:
email-new-since-title = ما الجديد منذ إصدار { $date }
email-change = { $change ->
    [added] جديد
    [changed] معدَّل
   *[removed] لم يعد مسجلًا
}: { $label }
email-field-added = { $field }: أُضيف — { $value }.
email-field-removed = { $field }: حُذف (كان { $value }).
email-field-changed = { $field }: تغيّر من { $old } إلى { $new }.
email-more-changes = { $count ->
    [1] وتغيير آخر (انظر الإحاطة)
    [2] وتغييران آخران (انظر الإحاطة)
    [few] و{ $count } تغييرات أخرى (انظر الإحاطة)
    [many] و{ $count } تغييرًا آخر (انظر الإحاطة)
   *[other] و{ $count } تغيير آخر (انظر الإحاطة)
}
email-nothing-changed = لم يتغير شيء مما تتناوله الإحاطة
email-ph-intro = تجدون مرفقًا تاريخ «{ $name }».
email-ph-intro-years = تجدون مرفقًا تاريخ «{ $name }»، { $years }.
email-ph-launched-by-in = الجهة التي أطلقتها: { $by }؛ تاريخ الإطلاق: { $when }
email-ph-launched-by = الجهة التي أطلقتها: { $by }
email-ph-launched-in = تاريخ الإطلاق: { $when }
email-ph-meetings = { $count ->
    [1] اجتماع واحد
    [2] اجتماعان
    [few] { $count } اجتماعات
    [many] { $count } اجتماعًا
   *[other] { $count } اجتماع
}
email-ph-in = ، في { $places }
email-ph-latest = آخر اجتماع:
email-ph-latest-text = { $name }، { $dates }
email-ph-hosted = ، واستضافته { $hosts }
email-ph-outcome = نتيجته:
email-op-intro = تجدون مرفقًا ملخصًا لمشاركة { $name }.
email-op-intro-in = تجدون مرفقًا ملخصًا لمشاركة { $name } في { $processes }.
email-cp-intro = تجدون مرفقًا ملخصًا لمشاركة { $name }.
email-cp-intro-in = تجدون مرفقًا ملخصًا لمشاركة { $name } في { $processes }.
email-cp-events = { $count ->
    [1] فعالية واحدة مسجلة
    [2] فعاليتان مسجلتان
    [few] { $count } فعاليات مسجلة
    [many] { $count } فعالية مسجلة
   *[other] { $count } فعالية مسجلة
}
email-cp-hosted = استضاف: { $events }
email-cp-organised = شارك في تنظيم: { $events }
email-cp-headed = { $count ->
    [one] رئيس الوفد: { $people }
   *[other] رؤساء الوفود: { $people }
}
email-cp-meetings = الاجتماعات: { $meetings }
email-eb-intro = تجدون مرفقًا إحاطة عن { $title }.
email-eb-intro-meeting = تجدون مرفقًا إحاطة عن { $title }، الاجتماع رقم { $sequence } في «{ $process }».
email-eb-intro-in = تجدون مرفقًا إحاطة عن { $title }، في إطار «{ $process }».
email-eb-when = الزمان والمكان: { $text }
email-eb-hosted = الجهة المضيفة: { $parties }
email-eb-organised = الجهات المنظمة: { $parties }
email-eb-figures = الأرقام: { $figures }
email-eb-outcome = النتيجة: { $title }
email-eb-parties = عدد الأطراف المسجلة مشاركتها: { $count }

## Punctuation the shared Typst files join with.
label-comma = ،
label-semicolon = ؛
label-colon = :
label-legend-main = المؤتمرات واجتماعات العملية
label-legend-other = فعاليات أخرى
email-size = { $kb } ك.ب
role-venue = بلد الانعقاد
role-funder = جهة ممولة
outcome-declaration = إعلان
outcome-outcome-document = الوثيقة الختامية
outcome-communique = بيان
outcome-joint-statement = بيان مشترك
measure-participants = المشاركون
measure-ministers-and-officials = الوزراء والمسؤولون
measure-member-states = الدول الأعضاء
measure-international-and-regional-organizations = المنظمات الدولية والإقليمية
measure-civil-society-organizations = منظمات المجتمع المدني
measure-un-entities = كيانات الأمم المتحدة

## Facts the fact base does not translate into the briefing's language.
label-untranslated-mark = †
label-untranslated-legend = غير مترجم: يرد النص بلغة قاعدة الوقائع.
label-untranslated-all = تُورد الوقائع كما تسجلها قاعدة الوقائع وبلغتها؛ ولم يُترجم سوى نص الإحاطة المحيط بها.

## Quotation marks for the straight quotes of facts ("…").
quote-open = «
quote-close = »

## An edition remade as of an earlier date (`--date`): what it leaves out.
left-out = { $count ->
    [1] استُبعد سجل واحد لاحق التاريخ
    [2] استُبعد سجلان لاحقا التاريخ
    [few] استُبعدت { $count } سجلات لاحقة التاريخ
    [many] استُبعد { $count } سجلًا لاحق التاريخ
   *[other] استُبعد { $count } سجل لاحق التاريخ
}
