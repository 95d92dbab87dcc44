# Русский: слова встроенных шаблонов brief и черновиков писем.
#
# Проект может изменить любое сообщение файлом с тем же именем в своей папке
# `templates/words/` (только изменённые сообщения). Числа выбирают форму: [one] (1, 21, 31…),
# [few] (2–4, 22–24…), [many] (5–20, 25–30…), [other] (дробные); [1] — ровно один.

## Промежутки дат: 4–5 ноября 2024 г., 30 апреля – 2 мая 2018 г., май–июнь 2018 г.
date-range-same-month = { $first }–{ $last }
date-range-same-year = { $first } – { $last }
date-range-months = { $first }–{ $last }
date-range = { $first } – { $last }

## То, что пишет контекст.
claim-field = поле «{ $field }»
claim-field-title = официальное название
claim-field-short-title = краткое название
claim-field-kind = вид мероприятия
claim-field-sequence = порядковый номер встречи
claim-field-parent = мероприятие, в рамках которого оно прошло
claim-field-start = дата начала
claim-field-end = дата окончания
claim-field-location = место проведения
claim-field-organizers = организаторы
label-speaking-for = { $who } (от имени стороны: { $party })
announced-field-start = даты
announced-field-location = место
announced-field-sequence = порядковый номер в процессе
announced-field-organizers = организаторы
announced-field-title = название
announced-field-kind = вид
announced-field-hosts = принимающая сторона
announced-field-funders = финансирование
announced-field-regions = регионы
announced-field-topics = темы
announced-field-parent = мероприятие, в рамках которого оно прошло
announced-field-process = процесс

## Слова общих файлов Typst.
label-official-title = Официальное название
label-description = Описание
label-kind = Вид
label-dates = Даты
label-place = Место
label-part-of = В рамках
label-related-to = Связано с
label-hosted-by = Принимающая сторона
label-organised-by = Организаторы
label-financed-by = Финансирование
label-regions = Регионы
label-topics = Темы
label-note = Примечание
label-status = Статус
label-taking-part = Участники
label-outcome = Итог
label-announced = по предварительным данным
label-announced-event = объявлено заранее; источники не сообщают о его проведении
label-dates-announced = даты по предварительным данным
label-place-announced = место по предварительным данным
label-dates-place-announced = даты и место по предварительным данным
label-said-ahead = опубликовано до мероприятия
label-summary = в изложении
label-claim = По данным одного из источников, { $field } — { $value }
label-party = Сторона
label-role = Роль
label-head = Представитель
label-event = Мероприятие
label-none-recorded = —
label-capacity-led = глава делегации
label-capacity-spoke = выступил(а)
label-capacity-received = с принимающей стороны
label-capacity-represented = представитель
label-figure = Рисунок
label-source = Источник
label-timeline-alt = Хронология: { $entries }
label-assessment-note = { $title } — мнение аналитика, а не факт из источников
label-assessment-confidence = степень уверенности: { $confidence }
label-assessment-rests-on = основано на: { $records }
label-unknown-announced-event = { $event }: объявлено заранее; источники не сообщают о его проведении.
label-unknown-announced-facts = { $event }: сведения ({ $what }) есть только в источниках, опубликованных до мероприятия.
label-unknown-announced-outcome = { $event }: объявлялось об итоговом документе «{ $what }»; ни один источник не сообщает о его принятии.
label-unknown-announced-figure = { $event }: цифры ({ $what }) приводились только до начала мероприятия; более поздних данных нет.
label-unknown-announced-participation = { $event }: { $what } — участие объявлялось заранее; ни один источник не подтверждает, что оно состоялось.
label-unknown-announced-participation-as = { $event }: { $what } (роль: { $detail }) — участие объявлялось заранее; ни один источник не подтверждает, что оно состоялось.
label-unknown-no-participants = { $event }: ни один источник не называет участников.
label-unknown-sources-differ = { $event }: источники расходятся ({ $what }).
label-unknown-sources-differ-one = { $event }: источники расходятся ({ $what }); один из них указывает: { $detail }.
label-new-since = Что нового после выпуска от { $date }
label-new-compared = Сравнение с выпуском от { $date }.
label-new-compared-named = Сравнение с выпуском от { $date } ({ $edition }).
label-new-bar = Черта на полях отмечает { $new } и { $changed } с тех пор сведения.
label-new-word = новые
label-changed-word = изменённые
label-new-nothing = Ничто из изложенного в этой справке с тех пор не изменилось.
label-change-added = Новое
label-change-changed = Изменено
label-change-removed = Больше не в базе
label-field-added = { $field }: добавлено — { $value }.
label-field-removed = { $field }: удалено (было: { $value }).
label-field-changed = { $field }: было { $old }, стало { $new }.
label-as-of = По состоянию на { $date }
label-page-of = Стр. { $page } из { $pages }
label-contents = Содержание
label-contents-line = Содержание:
label-reference = Исх. №
label-prepared-by = Подготовил(а)
label-cleared-by = Согласовано
label-contact = Контактное лицо
label-distribution = Рассылка
label-address = Адрес
label-briefing = Справка
label-assessment = Оценка
label-unknowns = Чего мы не знаем
label-hosted-by-inline = принимающая сторона: { $parties }
label-organised-by-inline = организаторы: { $parties }

## Словари базы фактов.
assessment-bottom-line = Главный вывод
assessment-key-judgement = Ключевая оценка
assessment-talking-point = Тезис для беседы
assessment-next-step = Следующий шаг
assessment-open-question = Открытый вопрос
confidence-low = низкая
confidence-moderate = средняя
confidence-high = высокая
kind-conference = конференция
kind-side-event = параллельное мероприятие
kind-meeting = встреча
kind-visit = визит
kind-other = мероприятие
role-host = принимающая сторона
role-organizer = организатор
role-delegation = делегация
role-speaker = выступающий
role-observer = наблюдатель
role-other = иная роль
initiative-strategy = стратегия
initiative-proposal = предложение
initiative-position = позиция
initiative-initiative = инициатива
initiative-other = иное
figure-qualified = { $qualifier ->
    [over] более { $value }
    [under] менее { $value }
    [about] около { $value }
    [at-least] не менее { $value }
    [up-to] до { $value }
   *[other] { $qualifier } { $value }
}
figure-with-label = { $label }: { $quantity }

## Встроенные шаблоны. Разделы.
section-summary = Общие сведения
section-timeline = Хронология
section-figures = Основные цифры
section-participation = Участие
section-participants = Участники
section-discussions = Обсуждение
section-statements = Заявления
section-initiatives = Заявленные позиции и инициативы
section-outcome = Итоги
section-claims = Расхождения в источниках
section-related = Связанные мероприятия
section-linked = Связанные мероприятия
section-others = Другие мероприятия в базе
section-sources = Источники
section-assessment = Оценка
section-talking-points = Тезисы, следующие шаги и открытые вопросы
section-involvement = Участие по годам
section-roles = Роль в каждом мероприятии
section-said-by = Что говорили представители { $party ->
        [organization] организации
       *[other] страны
    }
section-said-of = Что говорили о { $party ->
        [organization] организации
       *[other] стране
    } другие
section-meetings = Двусторонние и другие встречи
section-country-initiatives = Инициативы и позиции

## process-history
ph-kind = История процесса
ph-subtitle = История процесса
ph-subtitle-years = История процесса, { $years }
ph-description = История процесса «{ $name }», с источниками
ph-launched-by-in = Инициатор процесса — { $by }; начало — { $when }
ph-launched-by = Инициатор процесса — { $by }
ph-launched-in = Начало процесса — { $when }
ph-met = { $count ->
    [1] Состоялась одна встреча процесса; место: { $places }
    [one] Состоялась { $count } встреча процесса ({ $first } – { $last }); места: { $places }
    [few] Состоялись { $count } встречи процесса ({ $first } – { $last }); места: { $places }
   *[many] Состоялось { $count } встреч процесса ({ $first } – { $last }); места: { $places }
}
ph-latest-held = Последняя встреча — { $name } — прошла { $dates }
ph-latest-announced = Последняя встреча — { $name } — была намечена на { $dates }
ph-hosted-by = ; принимающая сторона — { $hosts }
ph-host-announced = ; принимающая сторона (по предварительным данным) — { $hosts }
ph-no-meetings = В базе фактов пока нет встреч процесса.
ph-themes = Темы:
ph-timeline-caption = Встречи процесса (закрашены) и связанные встречи (не закрашены), по датам.
ph-figures-caption = Основные цифры, которые приводятся более чем для одной встречи, — по данным источников.
ph-figures-alt = Основные цифры: { $measures }
ph-figures-none = Основные цифры не приводятся для: { $events }.
ph-linked-note = Мероприятия, которые не являются встречами в рамках процесса «{ $name }», но связаны с ним в базе фактов.
ph-others-note = Мероприятия из базы фактов, которые источники не связывают с процессом «{ $name }».

## country-participation
cp-kind = Справка об участии страны
cp-subtitle = Участие
cp-subtitle-in = Участие: { $processes }
cp-subtitle-in-others = Участие: { $processes } и другие мероприятия
cp-description = Участие: { $name } — мероприятия из базы фактов, с источниками
cp-country = Страна
cp-official-name = Официальное название
cp-region = Регион
cp-processes = Процессы
cp-initiator = инициатор
cp-events = Мероприятия в базе
cp-appears = { $count ->
    [1] { $name } участвует в одном мероприятии из базы фактов
    [one] { $name } участвует в { $count } мероприятии из базы фактов
   *[other] { $name } участвует в { $count } мероприятиях из базы фактов
}
cp-hosted = ; в качестве принимающей стороны: { $events }
cp-organised = ; в качестве соорганизатора: { $events }
cp-launched = { $name } выступает инициатором: { $processes }
cp-hosted-heading = { $event }: { $announced ->
    [yes] принимающая сторона (по предварительным данным)
   *[other] принимающая сторона
}
cp-none-reported = Источники не сообщают о мероприятиях с участием { $party ->
        [organization] организации
       *[other] страны
    }: { $name }.
cp-announced-only = Объявлено заранее, но не подтверждено: участие — { $events }
cp-headed = { $count ->
    [one] Глава делегации: { $people }
   *[other] Главы делегаций: { $people }
}
cp-people = { $capacity ->
    [spoke] Выступавшие от имени { $party ->
        [organization] организации
       *[other] страны
    }: { $people }
    [received] Представители принимающей стороны: { $people }
    [announced] Участие от имени { $party ->
        [organization] организации
       *[other] страны
    } намечалось заранее: { $people }
   *[other] Представляли { $party ->
        [organization] организацию
       *[other] страну
    }: { $people }
}
cp-statements = { $count ->
    [1] Источники фиксируют одно заявление от имени { $party ->
        [organization] организации
       *[other] страны
    }
    [one] Источники фиксируют { $count } заявление от имени { $party ->
        [organization] организации
       *[other] страны
    }
    [few] Источники фиксируют { $count } заявления от имени { $party ->
        [organization] организации
       *[other] страны
    }
   *[many] Источники фиксируют { $count } заявлений от имени { $party ->
        [organization] организации
       *[other] страны
    }
}
cp-no-events = В базе фактов нет мероприятий с участием { $party ->
        [organization] организации
       *[other] страны
    }: { $name }.
cp-per-year-caption = Мероприятия с участием { $party ->
        [organization] организации
       *[other] страны
    } по годам (по данным базы): { $name }.
cp-per-year-alt = Мероприятия по годам: { $years }
cp-timeline-caption = Мероприятия с участием { $party ->
        [organization] организации
       *[other] страны
    }: { $name } — по датам.
cp-timeline-caption-announced = Мероприятия с участием { $party ->
        [organization] организации
       *[other] страны
    } (в том числе объявленным заранее): { $name } — по датам.

## organization-participation (остальные слова — из справки о стране, `cp-…`)
op-kind = Справка об участии организации
op-description = Участие: { $name } — мероприятия из базы фактов, с источниками
op-organization = Организация
op-kind-label = Тип
op-parent = Входит в
org-kind-un-entity = Структура Организации Объединённых Наций
org-kind-intergovernmental = Межправительственная организация
org-kind-regional = Региональная организация
org-kind-civil-society = Организация гражданского общества
org-kind-government-body = Государственный орган
org-kind-other = Иная организация


## event-brief
eb-kind = Справка о мероприятии
eb-kind-of = Справка о мероприятии · { $process }
eb-as-announced = { $text } (по предварительным данным)
eb-description = Справка: { $title }, с источниками
eb-kind-label = Вид
eb-kind-meeting = { $kind }, мероприятие № { $sequence } в рамках процесса «{ $process }»
eb-kind-in = { $kind } в рамках процесса «{ $process }»
eb-series = Серия
eb-series-nearest = Всего встреч: { $count }; ближайшие:
eb-dates-announced = { $dates }, по предварительным данным
## Черновики писем и темы писем.
subject-process-history = { $name }: история (по состоянию на { $date })
subject-process-history-years = { $name }: история, { $years } (по состоянию на { $date })
subject-country-participation = { $name }: справка об участии (по состоянию на { $date })
subject-organization-participation = { $name }: справка об участии (по состоянию на { $date })
subject-event-brief = Справка: { $name }, { $dates }
email-greeting = Уважаемые коллеги!
email-attached-generic = Направляем: { $description }
email-attachment = Вложение: { $name } ({ $pages ->
    [one] { $pages } страница
    [few] { $pages } страницы
   *[many] { $pages } страниц
}, { $size })
email-footnoted = Сведения приводятся по состоянию на { $date }; каждый факт во вложении снабжён ссылкой на источник.
email-briefing = Справка
email-prepared-by = Подготовил(а): { $name }
email-contact = Контактное лицо: { $contact }
email-reference = Исх. № { $reference }
email-announced = { $text } (по предварительным данным)
email-as-announced = { $text } (по предварительным данным)
email-new-since = Что нового после выпуска от { $date }:
email-new-since-title = Что нового после выпуска от { $date }
email-change = { $change ->
    [added] Новое
    [changed] Изменено
   *[removed] Больше не в базе
}: { $label }
email-field-added = { $field }: добавлено — { $value }.
email-field-removed = { $field }: удалено (было: { $value }).
email-field-changed = { $field }: было { $old }, стало { $new }.
email-more-changes = { $count ->
    [one] и ещё { $count } изменение (см. справку)
    [few] и ещё { $count } изменения (см. справку)
   *[many] и ещё { $count } изменений (см. справку)
}
email-nothing-changed = ничто из изложенного в справке не изменилось
email-ph-intro = Направляем историю процесса «{ $name }».
email-ph-intro-years = Направляем историю процесса «{ $name }», { $years }.
email-ph-launched-by-in = Инициатор — { $by }; начало — { $when }
email-ph-launched-by = Инициатор — { $by }
email-ph-launched-in = Начало — { $when }
email-ph-meetings = { $count ->
    [one] { $count } встреча
    [few] { $count } встречи
   *[many] { $count } встреч
}
email-ph-in = ; места: { $places }
email-ph-latest = Последняя встреча:
email-ph-latest-text = { $name }, { $dates }
email-ph-hosted = ; принимающая сторона — { $hosts }
email-ph-outcome = Итог:
email-op-intro = Направляем справку об участии организации: { $name }.
email-op-intro-in = Направляем справку об участии организации: { $name } ({ $processes }).
email-cp-intro = Направляем справку об участии страны: { $name }.
email-cp-intro-in = Направляем справку об участии страны: { $name } ({ $processes }).
email-cp-events = { $count ->
    [one] { $count } мероприятие в базе
    [few] { $count } мероприятия в базе
   *[many] { $count } мероприятий в базе
}
email-cp-hosted = Принимающая сторона: { $events }
email-cp-organised = Соорганизатор: { $events }
email-cp-headed = { $count ->
    [one] Глава делегации: { $people }
   *[other] Главы делегаций: { $people }
}
email-cp-meetings = Встречи: { $meetings }
email-eb-intro = Направляем справку: { $title }.
email-eb-intro-meeting = Направляем справку: { $title } — мероприятие № { $sequence } в рамках процесса «{ $process }».
email-eb-intro-in = Направляем справку: { $title } (в рамках процесса «{ $process }»).
email-eb-when = Когда и где: { $text }
email-eb-hosted = Принимающая сторона: { $parties }
email-eb-organised = организаторы: { $parties }
email-eb-figures = Цифры: { $figures }
email-eb-outcome = Итог: { $title }
email-eb-parties = Сторон, участие которых отражено в базе: { $count }

# A place and the years it hosted meetings.
place-years = { $place } ({ $years })
place-years-announced = { $place } ({ $years }, по предварительным данным)
## Punctuation the shared Typst files join with.
label-comma = ,
label-semicolon = ;
label-colon = :
label-legend-main = конференции и встречи процесса
label-legend-other = другие мероприятия
email-size = { $kb } КБ
role-venue = место проведения
role-funder = источник финансирования
outcome-declaration = декларация
outcome-outcome-document = итоговый документ
outcome-communique = коммюнике
outcome-joint-statement = совместное заявление
measure-participants = участники
measure-ministers-and-officials = министры и должностные лица
measure-member-states = государства-члены
measure-international-and-regional-organizations = международные и региональные организации
measure-civil-society-organizations = организации гражданского общества
measure-un-entities = структуры ООН

## Facts the fact base does not translate into the briefing's language.
label-untranslated-mark = †
label-untranslated-legend = Перевод отсутствует: текст приводится на языке базы фактов.
label-untranslated-all = Факты приводятся так, как они записаны в базе фактов, — на её языке; переведены только слова справки.

## Quotation marks for the straight quotes of facts ("…").
quote-open = «
quote-close = »

## An edition remade as of an earlier date (`--date`): what it leaves out.
left-out = { $count ->
    [one] { $count } более поздняя запись не учтена
    [few] { $count } более поздние записи не учтены
   *[many] { $count } более поздних записей не учтено
}
