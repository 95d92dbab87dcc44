# Français : les mots des modèles intégrés de brief et des brouillons de courriel.
#
# Un projet modifie un message par un fichier du même nom dans son dossier `templates/words/`
# (seuls les messages modifiés). Espaces insécables fines avant ; : ! ? et dans « ».

## Périodes : 4–5 novembre 2024, 30 avril – 2 mai 2018, mai–juin 2018.
date-range-same-month = { $first }–{ $last }
date-range-same-year = { $first } – { $last }
date-range-months = { $first }–{ $last }
date-range = { $first } – { $last }

## Ce qu’écrit le contexte.
claim-field = le champ « { $field } »
claim-field-title = l’intitulé officiel
claim-field-short-title = l’intitulé abrégé
claim-field-kind = le type d’événement
claim-field-sequence = le numéro de la réunion
claim-field-parent = l’événement dont il faisait partie
claim-field-start = la date de début
claim-field-end = la date de fin
claim-field-location = le lieu
claim-field-organizers = les organisateurs
label-speaking-for = { $who }, au nom de : { $party }
announced-field-start = dates
announced-field-location = lieu
announced-field-sequence = numéro dans le processus
announced-field-organizers = organisateurs
announced-field-title = intitulé
announced-field-kind = type
announced-field-hosts = hôtes
announced-field-funders = financeurs
announced-field-regions = régions
announced-field-topics = thèmes
announced-field-parent = événement de rattachement
announced-field-process = processus

## Les mots des fichiers Typst partagés.
label-official-title = Intitulé officiel
label-description = Description
label-kind = Type
label-dates = Dates
label-place = Lieu
label-part-of = Dans le cadre de
label-related-to = En lien avec
label-hosted-by = Hôte(s)
label-organised-by = Organisé par
label-financed-by = Financé par
label-regions = Régions
label-topics = Thèmes
label-note = Note
label-status = Statut
label-taking-part = Participants
label-outcome = Résultat
label-announced = annonce préalable
label-announced-event = annoncé à l’avance ; les sources ne disent pas qu’il a eu lieu
label-dates-announced = dates annoncées
label-place-announced = lieu annoncé
label-dates-place-announced = dates et lieu annoncés
label-said-ahead = publié avant l’événement
label-summary = résumé
label-claim = Une source donne pour { $field } : { $value }
label-party = Partie
label-role = Rôle
label-head = Représenté par
label-event = Événement
label-none-recorded = —
label-capacity-led = chef de délégation
label-capacity-spoke = intervenant
label-capacity-received = hôte de l’entretien
label-capacity-represented = représentant
label-figure = Figure
label-source = Source
label-timeline-alt = Chronologie : { $entries }
label-assessment-note = { $title } — l’avis de l’analyste, et non un fait attesté par les sources
label-assessment-confidence = degré de confiance : { $confidence }
label-assessment-rests-on = repose sur : { $records }
label-unknown-announced-event = { $event } : annoncé à l’avance ; les sources ne disent pas qu’il a eu lieu.
label-unknown-announced-facts = { $event } : ces éléments ({ $what }) ne sont connus que par des sources antérieures à l’événement.
label-unknown-announced-outcome = { $event } : le document « { $what } » a été annoncé ; aucune source n’en rapporte l’adoption.
label-unknown-announced-figure = { $event } : les chiffres ({ $what }) n’ont été donnés qu’avant l’ouverture ; aucun chiffre ultérieur n’est disponible.
label-unknown-announced-participation = { $event } : participation annoncée — { $what } ; aucune source ne la confirme.
label-unknown-announced-participation-as = { $event } : participation annoncée — { $what }, en qualité de { $detail } ; aucune source ne la confirme.
label-unknown-no-participants = { $event } : aucune source ne nomme les participants.
label-unknown-sources-differ = { $event } : les sources divergent sur { $what }.
label-unknown-sources-differ-one = { $event } : les sources divergent sur { $what } (l’une donne { $detail }).
label-new-since = Nouveautés depuis l’édition du { $date }
label-new-compared = Comparaison avec l’édition du { $date }.
label-new-compared-named = Comparaison avec l’édition du { $date } ({ $edition }).
label-new-bar = Un trait dans la marge signale ce qui est { $new } ou { $changed } depuis.
label-new-word = nouveau
label-changed-word = modifié
label-new-nothing = Rien de ce que rapporte cette note n’a changé depuis.
label-change-added = Nouveau
label-change-changed = Modifié
label-change-removed = Retiré de la base
label-field-added = Ajout — { $field } : { $value }.
label-field-removed = Retrait — { $field } (c’était { $value }).
label-field-changed = Modification — { $field } : { $old } devient { $new }.
label-as-of = Situation au { $date }
label-page-of = Page { $page } sur { $pages }
label-contents = Sommaire
label-contents-line = Sommaire :
label-reference = Référence
label-prepared-by = Rédigé par
label-cleared-by = Validé par
label-contact = Contact
label-distribution = Diffusion
label-address = Adresse
label-briefing = Note d’information
label-assessment = Analyse
label-unknowns = Ce que nous ne savons pas
label-hosted-by-inline = hôte : { $parties }
label-organised-by-inline = organisateur(s) : { $parties }
## Vocabulaires de la base de faits.
assessment-bottom-line = Conclusion principale
assessment-key-judgement = Jugement clé
assessment-talking-point = Élément de langage
assessment-next-step = Prochaine étape
assessment-open-question = Question ouverte
confidence-low = faible
confidence-moderate = moyen
confidence-high = élevé
kind-conference = conférence
kind-side-event = événement parallèle
kind-meeting = réunion
kind-visit = visite
kind-other = événement
role-host = hôte
role-organizer = organisateur
role-delegation = délégation
role-speaker = intervenant
role-observer = observateur
role-other = autre rôle
initiative-strategy = stratégie
initiative-proposal = proposition
initiative-position = position
initiative-initiative = initiative
initiative-other = autre
figure-qualified = { $qualifier ->
    [over] plus de { $value }
    [under] moins de { $value }
    [about] environ { $value }
    [at-least] au moins { $value }
    [up-to] jusqu’à { $value }
   *[other] { $qualifier } { $value }
}
figure-with-label = { $label } : { $quantity }

## Modèles intégrés. Sections.
section-summary = Résumé
section-timeline = Chronologie
section-figures = Chiffres clés
section-participation = Participation
section-participants = Participants
section-discussions = Débats
section-statements = Déclarations
section-initiatives = Positions et initiatives exprimées
section-outcome = Résultat
section-claims = Divergences entre les sources
section-related = Événements liés
section-linked = Événements liés
section-others = Autres événements de la base
section-sources = Sources
section-assessment = Analyse
section-talking-points = Éléments de langage, prochaines étapes et questions ouvertes
section-involvement = Participation au fil des années
section-roles = Rôle dans chaque événement
section-said-by = Ce qu’ont dit ses représentants
section-said-of = Ce que d’autres en ont dit
section-meetings = Rencontres bilatérales et autres
section-country-initiatives = Initiatives et positions

## process-history
ph-kind = Historique du processus
ph-subtitle = Historique du processus
ph-subtitle-years = Historique du processus, { $years }
ph-description = Historique du processus « { $name } », avec sources
ph-launched-by-in = Le processus a été lancé par { $by } en { $when }
ph-launched-by = Le processus a été lancé par { $by }
ph-launched-in = Le processus a été lancé en { $when }
ph-met = { $count ->
    [1] Il s’est réuni une fois ; lieu : { $places }
   *[other] Il s’est réuni { $count } fois entre { $first-day ->
        [true] le { $first }
       *[false] { $first }
    } et { $last-day ->
        [true] le { $last }
       *[false] { $last }
    } ; lieux : { $places }
}
ph-latest-held = Dernière réunion en date : { $name } ({ $dates })
ph-latest-announced = Dernière réunion annoncée : { $name } ({ $dates })
ph-hosted-by = , accueillie par { $hosts }
ph-host-announced = , l’hôte annoncé étant { $hosts }
ph-no-meetings = La base de faits ne compte encore aucune réunion du processus.
ph-themes = Thèmes :
ph-timeline-caption = Réunions du processus (pleines) et réunions liées (vides), par date.
ph-figures-caption = Chiffres clés donnés pour plus d’une réunion, tels que les sources les rapportent.
ph-figures-alt = Chiffres clés : { $measures }
ph-figures-none = Aucun chiffre clé n’est enregistré pour { $events }.
ph-linked-note = Événements qui ne sont pas des réunions du processus « { $name } », mais que la base de faits y rattache.
ph-others-note = Événements de la base de faits que ses sources ne rattachent pas au processus « { $name } ».

## country-participation
cp-kind = Participation d’un pays
cp-subtitle = Participation
cp-subtitle-in = Participation : { $processes }
cp-subtitle-in-others = Participation : { $processes } et autres événements
cp-description = Participation du pays « { $name } » aux événements de la base, avec sources
cp-country = Pays
cp-official-name = Nom officiel
cp-region = Région
cp-processes = Processus
cp-initiator = initiateur
cp-events = Événements de la base
cp-appears = { $count ->
    [1] { $name } figure dans un événement de la base
   *[other] { $name } figure dans { $count } événements de la base
}
cp-hosted =  ; hôte : { $events }
cp-organised =  ; coorganisateur : { $events }
cp-launched = { $name } est à l’origine de : { $processes }
cp-hosted-heading = { $event } : { $announced ->
    [yes] accueil annoncé
   *[other] accueil
}
cp-none-reported = Les sources ne rapportent aucun événement auquel { $name } a pris part.
cp-announced-only = Annoncé à l’avance, sans confirmation : sa participation à { $events }
cp-headed = { $count ->
    [one] Chef de délégation : { $people }
   *[other] Chefs de délégation : { $people }
}
cp-people = { $capacity ->
    [spoke] Intervenant(s) en son nom : { $people }
    [received] Hôte de l’entretien : { $people }
    [announced] Participation annoncée en son nom : { $people }
   *[other] Représentant(s) : { $people }
}
cp-statements = { $count ->
    [1] Les sources rapportent une déclaration faite en son nom
   *[other] Les sources rapportent { $count } déclarations faites en son nom
}
cp-no-events = La base de faits ne compte aucun événement auquel { $name } a pris part.
cp-per-year-caption = Événements de la base auxquels { $name } a pris part, par année.
cp-per-year-alt = Événements par année : { $years }
cp-timeline-caption = Événements auxquels { $name } a pris part, par date.
cp-timeline-caption-announced = Événements auxquels { $name } a pris part ou devait prendre part, par date.

## organization-participation (les autres mots sont ceux du résumé par pays, `cp-…`)
op-kind = Participation d’une organisation
op-description = Participation de l’organisation « { $name } » aux événements de la base, avec sources
op-organization = Organisation
op-kind-label = Type
op-parent = Relève de
org-kind-un-entity = Entité des Nations Unies
org-kind-intergovernmental = Organisation intergouvernementale
org-kind-regional = Organisation régionale
org-kind-civil-society = Organisation de la société civile
org-kind-government-body = Organe gouvernemental
org-kind-other = Autre organisation


## event-brief
eb-kind = Note sur un événement
eb-kind-of = Note sur un événement · { $process }
eb-as-announced = { $text } (selon l’annonce)
eb-description = Note sur « { $title } », avec sources
eb-kind-label = Type
eb-kind-meeting = { $kind }, réunion nº { $sequence } du processus « { $process } »
eb-kind-in = { $kind } dans le cadre du processus « { $process } »
eb-series = Série
eb-series-nearest = { $count } réunions ; les plus proches :
eb-dates-announced = { $dates }, selon l’annonce
## Brouillons de courriel et objets.
subject-process-history = { $name } : historique (au { $date })
subject-process-history-years = { $name } : historique, { $years } (au { $date })
subject-country-participation = { $name } : participation (au { $date })
subject-organization-participation = { $name } : participation (au { $date })
subject-event-brief = Note : { $name }, { $dates }
email-greeting = Chers collègues,
email-attached-generic = Veuillez trouver ci-joint : { $description }
email-attachment = Pièce jointe : { $name } ({ $pages ->
    [one] { $pages } page
   *[other] { $pages } pages
}, { $size })
email-footnoted = Informations à jour au { $date }. Chaque fait de la pièce jointe renvoie à sa source.
email-briefing = Note d’information
email-prepared-by = Rédigé par { $name }
email-contact = Contact : { $contact }
email-reference = Réf. { $reference }
email-announced = { $text } (annonce préalable)
email-as-announced = { $text } (selon l’annonce)
email-new-since = Nouveautés depuis l’édition du { $date } :
email-new-since-title = Nouveautés depuis l’édition du { $date }
email-change = { $change ->
    [added] Nouveau
    [changed] Modifié
   *[removed] Retiré de la base
} : { $label }
email-field-added = Ajout — { $field } : { $value }.
email-field-removed = Retrait — { $field } (c’était { $value }).
email-field-changed = Modification — { $field } : { $old } devient { $new }.
email-more-changes = { $count ->
    [one] et { $count } autre (voir la note)
   *[other] et { $count } autres (voir la note)
}
email-nothing-changed = rien de ce que rapporte la note n’a changé
email-ph-intro = Veuillez trouver ci-joint l’historique du processus « { $name } ».
email-ph-intro-years = Veuillez trouver ci-joint l’historique du processus « { $name } », { $years }.
email-ph-launched-by-in = Lancé par { $by } en { $when }
email-ph-launched-by = Lancé par { $by }
email-ph-launched-in = Lancé en { $when }
email-ph-meetings = { $count ->
    [one] { $count } réunion
   *[other] { $count } réunions
}
email-ph-in = , à { $places }
email-ph-latest = La plus récente :
email-ph-latest-text = { $name }, { $dates }
email-ph-hosted = , accueillie par { $hosts }
email-ph-outcome = Son résultat :
email-op-intro = Veuillez trouver ci-joint une note sur la participation de l’organisation « { $name } ».
email-op-intro-in = Veuillez trouver ci-joint une note sur la participation de l’organisation « { $name } » ({ $processes }).
email-cp-intro = Veuillez trouver ci-joint une note sur la participation du pays « { $name } ».
email-cp-intro-in = Veuillez trouver ci-joint une note sur la participation du pays « { $name } » ({ $processes }).
email-cp-events = { $count ->
    [one] { $count } événement dans la base
   *[other] { $count } événements dans la base
}
email-cp-hosted = Pays hôte : { $events }
email-cp-organised = Coorganisateur : { $events }
email-cp-headed = { $count ->
    [one] Chef de délégation : { $people }
   *[other] Chefs de délégation : { $people }
}
email-cp-meetings = Rencontres : { $meetings }
email-eb-intro = Veuillez trouver ci-joint une note sur « { $title } ».
email-eb-intro-meeting = Veuillez trouver ci-joint une note sur « { $title } », réunion nº { $sequence } du processus « { $process } ».
email-eb-intro-in = Veuillez trouver ci-joint une note sur « { $title } », dans le cadre du processus « { $process } ».
email-eb-when = Dates et lieu : { $text }
email-eb-hosted = Hôte(s) : { $parties }
email-eb-organised = organisé par { $parties }
email-eb-figures = Chiffres : { $figures }
email-eb-outcome = Résultat : { $title }
email-eb-parties = { $count ->
    [one] { $count } partie dont la participation est attestée
   *[other] { $count } parties dont la participation est attestée
}

# A place and the years it hosted meetings.
place-years = { $place } ({ $years })
place-years-announced = { $place } ({ $years }, selon l’annonce)
## Punctuation the shared Typst files join with.
label-comma = ,
label-semicolon =  ;
label-colon =  :
label-legend-main = conférences et réunions du processus
label-legend-other = autres événements
email-size = { $kb } Ko
role-venue = pays d’accueil
role-funder = bailleur de fonds
outcome-declaration = déclaration
outcome-outcome-document = document final
outcome-communique = communiqué
outcome-joint-statement = déclaration commune
measure-participants = participants
measure-ministers-and-officials = ministres et hauts responsables
measure-member-states = États membres
measure-international-and-regional-organizations = organisations internationales et régionales
measure-civil-society-organizations = organisations de la société civile
measure-un-entities = entités des Nations Unies

## Facts the fact base does not translate into the briefing's language.
label-untranslated-mark = †
label-untranslated-legend = Non traduit : texte donné dans la langue de la base de faits.
label-untranslated-all = Les faits sont donnés tels que la base de faits les consigne, dans sa langue ; seuls les mots de la note sont traduits.

## Quotation marks for the straight quotes of facts ("…").
quote-open = « 
quote-close =  »

## An edition remade as of an earlier date (`--date`): what it leaves out.
left-out = { $count ->
    [one] { $count } enregistrement postérieur écarté
   *[other] { $count } enregistrements postérieurs écartés
}
