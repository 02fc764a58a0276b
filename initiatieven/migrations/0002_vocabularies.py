"""Creates the fixed vocabularies and the curated starter themes.

Slugs are the contract; existing rows keep any label an editor polished.
"""

from django.db import migrations

PROVINCES = [
    ("drenthe", "Drenthe"),
    ("flevoland", "Flevoland"),
    ("friesland", "Fryslân"),
    ("gelderland", "Gelderland"),
    ("groningen", "Groningen"),
    ("limburg", "Limburg"),
    ("noord-brabant", "Noord-Brabant"),
    ("noord-holland", "Noord-Holland"),
    ("overijssel", "Overijssel"),
    ("utrecht", "Utrecht"),
    ("zeeland", "Zeeland"),
    ("zuid-holland", "Zuid-Holland"),
    ("landelijk", "Landelijk"),
]

SECTORS = [
    ("ouderenzorg", "Ouderenzorg: verpleeghuis en thuis"),
    ("ggz", "Ggz"),
    ("jeugdzorg", "Jeugdzorg"),
    ("gehandicaptenzorg", "Gehandicaptenzorg"),
    ("welzijn", "Welzijn en sociaal domein"),
    ("ziekenhuiszorg", "Ziekenhuiszorg"),
]

EDUCATION_LEVELS = [
    ("mbo", "mbo"),
    ("hbo", "hbo"),
    ("wo", "wo"),
    ("nascholing", "Bij- en nascholing"),
]

TARGET_GROUPS = [
    ("studenten", "Studenten"),
    ("docenten", "Docenten"),
    ("zorgmedewerkers", "Zorgmedewerkers"),
    ("clienten", "Cliënten"),
    ("naasten", "Naasten en mantelzorgers"),
    ("vrijwilligers", "Vrijwilligers"),
    ("ervaringsdeskundigen", "Ervaringsdeskundigen"),
    ("leidinggevenden", "Leidinggevenden en bestuurders"),
    ("beleidsmakers", "Beleidsmakers"),
]

PHASES = [
    ("idee", "Idee"),
    ("pilot", "Pilot"),
    ("lopend", "Lopend"),
    ("afgerond", "Afgerond"),
    ("geborgd", "Geborgd"),
]

THEMES = [
    (
        "ervaringsdeskundigheid",
        "Ervaringsdeskundigheid",
        "Mensen die zelf zorg ontvangen, of hun naasten, brengen hun ervaring in: als "
        "gastdocent, in de opleiding en op de werkvloer.",
    ),
    (
        "leren-en-werken",
        "Leren en werken verweven",
        "Studenten leren op de zorglocatie, docenten komen naar de werkplek en "
        "zorgorganisaties naar de opleiding.",
    ),
    (
        "competenties",
        "Competenties in plaats van diploma's",
        "Mensen inzetten en opleiden op basis van wat ze kunnen en willen, met "
        "deelkwalificaties in plaats van alleen diploma's.",
    ),
    (
        "leervragen-centraal",
        "Leervragen van studenten centraal",
        "Onderwijs dat vertrekt vanuit de vragen en ervaringen die studenten zelf opdoen in de "
        "praktijk, met een eigen leerweg.",
    ),
    (
        "lerende-organisatie",
        "Lerende organisatie",
        "Leren en ontwikkelen lukt als iedereen in de organisatie meedoet; personeelsbeleid "
        "wordt een veranderkundig vraagstuk.",
    ),
    (
        "wat-wil-de-zorgvrager",
        "Wat wil de zorgvrager?",
        "De vraag van de cliënt en diens netwerk is het uitgangspunt van zorg en onderwijs.",
    ),
    (
        "regels-naar-relaties",
        "Van regels naar relaties",
        "Goede zorg draait om de kwaliteit van de relatie, niet om regels, systemen of "
        "functies.",
    ),
    (
        "informele-zorg",
        "Naasten, mantelzorgers en vrijwilligers",
        "Informele zorg hoort erbij: naasten, mantelzorgers en vrijwilligers leren mee en "
        "worden ingepland.",
    ),
    (
        "samenwerken-in-de-regio",
        "Samenwerken in de regio",
        "Zorgorganisaties en opleidingen werken samen als regionaal netwerk, vanuit "
        "sectorbelang in plaats van afzonderlijke organisaties.",
    ),
    (
        "docent-in-de-praktijk",
        "Docenten in de praktijk",
        "Docenten werken vanuit de praktijk en de behoeften van mensen, en begeleiden "
        "studenten op de werkplek.",
    ),
]


def _create(model, rows):
    for order, row in enumerate(rows):
        slug, label = row[0], row[1]
        defaults = {"label": label, "sort_order": order}
        if len(row) > 2:
            defaults["description"] = f"<p>{row[2]}</p>"
        model.objects.get_or_create(slug=slug, defaults=defaults)


def create_vocabularies(apps, schema_editor):
    get = lambda name: apps.get_model("initiatieven", name)  # noqa: E731
    _create(get("Province"), PROVINCES)
    _create(get("Sector"), SECTORS)
    _create(get("EducationLevel"), EDUCATION_LEVELS)
    _create(get("TargetGroup"), TARGET_GROUPS)
    _create(get("Phase"), PHASES)
    _create(get("Theme"), THEMES)


class Migration(migrations.Migration):
    dependencies = [("initiatieven", "0001_initial")]

    operations = [migrations.RunPython(create_vocabularies, migrations.RunPython.noop)]
