"""The public address parameters that choose which initiatives a listing or search shows
(`/zoeken/?thema=zorg-en-technologie&startjaar=2021`): part of the site's public addresses, so
they are the content model's words; search reads them, and canonical URLs keep them."""

# Public parameter name -> InitiativePage field, in the order facets are shown.
FACET_FIELDS: dict[str, str] = {
    "thema": "themes",
    "provincie": "province",
    "sector": "sectors",
    "niveau": "education_levels",
    "doelgroep": "target_groups",
    "fase": "phase",
}
# Not a facet, but a filter of the same kind: start years ("2021"), or UNKNOWN_YEAR for
# initiatives without one. The overview in numbers links its year counts to it.
YEAR_FILTER = "startjaar"
# Limits a search to the initiatives of one collection (its slug).
COLLECTION_PARAM = "collectie"
