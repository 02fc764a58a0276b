"""More starter synonyms: English words for this field (for students and international colleagues
who search in English) and the official Frisian names of Fryslân and its places beside the Dutch
ones. Each group joins an existing group that shares a term with it, so that an installation
whose editors already changed the list keeps one group per meaning; the rest become new groups.
"""

import unicodedata

from django.db import migrations

ENGLISH_GROUPS = [
    "zorg, care",
    "gezondheidszorg, healthcare, health care",
    "verpleging, verpleegkunde, nursing",
    "verpleegkundige, nurse",
    "verpleeghuis, nursing home, care home",
    "ouderenzorg, elderly care, care for older people",
    "wijkverpleging, home care, district nursing, community nursing",
    "stage, internship, work placement",
    "praktijkleren, workplace learning, work-based learning",
    "ervaringsdeskundigheid, ervaringsdeskundige, lived experience, expert by experience, "
    "experts by experience",
    "dementie, dementia",
    "ggz, mental health, mental health care",
    "jeugdzorg, youth care",
    "gehandicaptenzorg, disability care",
    "mantelzorger, informal carer, informal caregiver, caregiver, carer",
    "nah, acquired brain injury, brain injury",
    "docent, teacher, lecturer",
    "mbo, vocational education, vocational training",
    "hbo, university of applied sciences",
    "universiteit, university",
    "bbl, apprenticeship, beroepsbegeleidende leerweg",
    "ziekenhuis, hospital",
    "huisarts, general practitioner",
    "vrijwilliger, volunteer",
    "eenzaamheid, loneliness",
    "welzijn, wellbeing, well-being",
    "preventie, prevention",
    "technologie, technology",
    "innovatie, innovation",
    "onderwijs, education",
    "arbeidsmarkt, labour market, labor market",
    "personeelstekort, staff shortage, workforce shortage",
    "palliatieve zorg, palliative care",
    "revalidatie, rehabilitation",
    "sociaal werk, social work",
]

# The province and places of Fryslân: Dutch name, then the Frisian one (official in the
# province's name and in several municipalities).
FRISIAN_GROUPS = [
    "friesland, fryslân",
    "leeuwarden, ljouwert",
    "sneek, snits",
    "heerenveen, it hearrenfean",
    "harlingen, harns",
    "franeker, frjentsjer",
    "bolsward, boalsert",
    "ijlst, drylts",
    "stavoren, starum",
    "hindeloopen, hylpen",
    "workum, warkum",
    "joure, de jouwer",
    "grouw, grou",
    "bergum, burgum",
    "damwoude, damwâld",
    "veenwouden, feanwâlden",
    "wolvega, wolvegea",
    "oosterwolde, easterwâlde",
    "gorredijk, de gordyk",
    "buitenpost, bûtenpost",
    "surhuisterveen, surhústerfean",
    "beetsterzwaag, beetstersweach",
    "witmarsum, wytmarsum",
    "dronrijp, dronryp",
    "menaldum, menaam",
    "sint annaparochie, sint-anne",
    "eernewoude, earnewâld",
    "irnsum, jirnsum",
    "warga, wergea",
    "hardegarijp, hurdegaryp",
    "garijp, garyp",
    "giekerk, gytsjerk",
    "terschelling, skylge",
    "vlieland, flylân",
    "ameland, it amelân",
    "schiermonnikoog, skiermûntseach",
]


def _key(term: str) -> str:
    """A term as search compares it: lower case, without accents, punctuation as spaces."""
    decomposed = unicodedata.normalize("NFKD", term.casefold())
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join("".join(c if c.isalnum() else " " for c in letters).split())


def _terms(text: str) -> list[str]:
    return [term.strip() for term in text.split(",") if term.strip()]


def add_groups(apps, schema_editor):
    SynonymGroup = apps.get_model("kennisbank_search", "SynonymGroup")
    groups = list(SynonymGroup.objects.all())
    for text in [*ENGLISH_GROUPS, *FRISIAN_GROUPS]:
        new_terms = _terms(text)
        new_keys = {_key(term) for term in new_terms}
        home = next(
            (g for g in groups if new_keys & {_key(term) for term in _terms(g.terms)}), None
        )
        if home is None:
            groups.append(SynonymGroup.objects.create(terms=", ".join(new_terms)))
            continue
        known = {_key(term) for term in _terms(home.terms)}
        missing = [term for term in new_terms if _key(term) not in known]
        if missing:
            home.terms = ", ".join([*_terms(home.terms), *missing])
            home.save(update_fields=["terms"])


class Migration(migrations.Migration):
    dependencies = [("kennisbank_search", "0003_pending_index_updates")]

    operations = [migrations.RunPython(add_groups, migrations.RunPython.noop)]
