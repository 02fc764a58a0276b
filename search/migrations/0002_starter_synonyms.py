"""A starter list of synonyms for care and care education; editors maintain it in the admin."""

from django.db import migrations

STARTER_GROUPS = [
    "mbo, roc, middelbaar beroepsonderwijs",
    "hbo, hogeschool, hoger beroepsonderwijs",
    "wo, universiteit, wetenschappelijk onderwijs",
    "dementie, alzheimer",
    "ggz, geestelijke gezondheidszorg",
    "vvt, ouderenzorg, verpleeghuiszorg",
    "wijkverpleging, thuiszorg, wijkzorg",
    "verpleeghuis, woonzorgcentrum, zorgcentrum",
    "cliënt, bewoner, zorgvrager, patiënt",
    "mantelzorger, naaste, familie",
    "nah, niet-aangeboren hersenletsel",
    "stage, bpv, beroepspraktijkvorming",
    "werkplek, leerwerkplek, praktijkleren",
    "docent, leraar, opleider",
    "jeugdzorg, jeugdhulp",
    "gehandicaptenzorg, zorg voor mensen met een beperking",
    "ervaringsdeskundige, ervaringsdeskundigheid",
    "hr, personeelsbeleid",
]


def create_starter_synonyms(apps, schema_editor):
    SynonymGroup = apps.get_model("kennisbank_search", "SynonymGroup")
    if not SynonymGroup.objects.exists():
        SynonymGroup.objects.bulk_create(SynonymGroup(terms=terms) for terms in STARTER_GROUPS)


class Migration(migrations.Migration):
    dependencies = [("kennisbank_search", "0001_initial")]

    operations = [migrations.RunPython(create_starter_synonyms, migrations.RunPython.noop)]
