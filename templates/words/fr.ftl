# Français : les mots des modèles intégrés de brief et des brouillons de courriel.

## Périodes : 4–5 novembre 2024, 30 avril – 2 mai 2018, mai–juin 2018.
date-range-same-month = { $first }–{ $last }
date-range-same-year = { $first } – { $last }
date-range-months = { $first }–{ $last }
date-range = { $first } – { $last }
