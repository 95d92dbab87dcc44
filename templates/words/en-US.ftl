# American English: only what differs from `en.ftl` (spelling).
claim-field-organizers = the organizers
announced-field-organizers = organizers
label-organised-by = Organized by
label-organised-by-inline = organized by { $parties }
email-eb-organised = organized by { $parties }
email-cp-organised = Co-organized: { $events }
op-kind = Organization participation summary
op-organization = Organization
org-kind-intergovernmental = Intergovernmental organization
org-kind-regional = Regional organization
org-kind-civil-society = Civil society organization
org-kind-other = Other organization
role-organizer = organizer
