"""The words for the person on an internship (stagiair, stagiaire, trainee) join the synonyms of
'stage', so that searching for the person finds texts about the internship and the other way
round. Frozen like 0004: no project code, and an installation whose editors already changed the
list keeps one group per meaning (the words join the group that holds 'stage' or one of them).

English 'intern' is left out on purpose: in Dutch it means 'internal' ('intern overleg'), so it
would join unrelated texts to every search for 'stage'.
"""

import unicodedata

from django.db import migrations

ANCHOR = "stage"
TERMS = ["stagiair", "stagiaire", "trainee", "traineeship"]


def _key(term: str) -> str:
    """A term as search compares it: lower case, without accents, punctuation as spaces."""
    decomposed = unicodedata.normalize("NFKD", term.casefold())
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join("".join(c if c.isalnum() else " " for c in letters).split())


def _terms(text: str) -> list[str]:
    return [term.strip() for term in text.split(",") if term.strip()]


def _home(groups, keys: set[str]):
    """The first group holding one of `keys`, or None."""
    return next((g for g in groups if keys & {_key(term) for term in _terms(g.terms)}), None)


def add_terms(apps, schema_editor):
    SynonymGroup = apps.get_model("kennisbank_search", "SynonymGroup")
    groups = list(SynonymGroup.objects.order_by("pk"))
    home = _home(groups, {ANCHOR}) or _home(groups, {_key(term) for term in TERMS})
    if home is None:
        SynonymGroup.objects.create(terms=", ".join([ANCHOR, *TERMS]))
        return
    # A word an editor already placed in some group stays where they put it.
    known = {_key(term) for group in groups for term in _terms(group.terms)}
    missing = [term for term in TERMS if _key(term) not in known]
    if missing:
        home.terms = ", ".join([*_terms(home.terms), *missing])
        home.save(update_fields=["terms"])


def remove_terms(apps, schema_editor):
    """Takes the words out of every group again; a group left with 'stage' alone goes."""
    SynonymGroup = apps.get_model("kennisbank_search", "SynonymGroup")
    removed = {_key(term) for term in TERMS}
    for group in SynonymGroup.objects.all():
        terms = _terms(group.terms)
        kept = [term for term in terms if _key(term) not in removed]
        if len(kept) == len(terms):
            continue
        if [_key(term) for term in kept] in ([], [ANCHOR]):
            group.delete()
        else:
            group.terms = ", ".join(kept)
            group.save(update_fields=["terms"])


class Migration(migrations.Migration):
    dependencies = [("kennisbank_search", "0004_english_and_frisian_synonyms")]

    operations = [migrations.RunPython(add_terms, remove_terms)]
