import pytest

from initiatieven.models import EducationLevel, Phase, Province, Sector, TargetGroup, Theme

EXPECTED = {
    Province: [
        "drenthe", "flevoland", "friesland", "gelderland", "groningen", "limburg", "noord-brabant",
        "noord-holland", "overijssel", "utrecht", "zeeland", "zuid-holland", "landelijk",
    ],
    Sector: ["ouderenzorg", "ggz", "jeugdzorg", "gehandicaptenzorg", "welzijn", "ziekenhuiszorg"],
    EducationLevel: ["mbo", "hbo", "wo", "nascholing"],
    TargetGroup: [
        "studenten", "docenten", "zorgmedewerkers", "clienten", "naasten", "vrijwilligers",
        "ervaringsdeskundigen", "leidinggevenden", "beleidsmakers",
    ],
    Phase: ["idee", "pilot", "lopend", "afgerond", "geborgd"],
    Theme: [
        "ervaringsdeskundigheid", "leren-en-werken", "competenties", "leervragen-centraal",
        "lerende-organisatie", "wat-wil-de-zorgvrager", "regels-naar-relaties", "informele-zorg",
        "samenwerken-in-de-regio", "docent-in-de-praktijk",
    ],
}  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("model", list(EXPECTED), ids=lambda model: model.__name__)
def test_vocabularies_exist_after_migrate_in_order(model):
    assert list(model.objects.values_list("slug", flat=True)) == EXPECTED[model]


@pytest.mark.django_db
def test_labels_carry_dutch_names():
    assert Province.objects.get(slug="friesland").label == "Fryslân"
    assert TargetGroup.objects.get(slug="clienten").label == "Cliënten"
    assert Sector.objects.get(slug="welzijn").label == "Welzijn en sociaal domein"
    assert Theme.objects.get(slug="competenties").label == "Competenties in plaats van diploma's"
    assert Theme.objects.get(slug="ervaringsdeskundigheid").description
