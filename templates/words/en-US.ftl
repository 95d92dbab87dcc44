# American English: only what differs from `en.ftl` (spelling).
