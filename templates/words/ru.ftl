# Русский: слова встроенных шаблонов brief и черновиков писем.

## Промежутки дат: 4–5 ноября 2024 г., 30 апреля – 2 мая 2018 г., май–июнь 2018 г.
date-range-same-month = { $first }–{ $last }
date-range-same-year = { $first } – { $last }
date-range-months = { $first }–{ $last }
date-range = { $first } – { $last }
