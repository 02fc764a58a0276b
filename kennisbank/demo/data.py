"""The demo initiatives, organisations, images and pages, as data (see `load_demo`)."""

from __future__ import annotations

from dataclasses import dataclass

from initiatieven.models import Organisation


@dataclass(frozen=True)
class DemoImage:
    slug: str
    title: str
    alt: str
    start: str
    end: str
    accents: tuple[str, ...]
    # Circles as (centre x, centre y, radius), fractions of the width.
    circles: tuple[tuple[float, float, float], ...]


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    kind: str
    place: str = ""
    website: str = ""


@dataclass(frozen=True)
class DemoInitiative:
    key: str
    slug: str
    title: str
    summary: str
    approach: str
    province: str
    themes: tuple[str, ...]
    background: str = ""
    results: str = ""
    lessons: str = ""
    place: str = ""
    organisations: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    education_levels: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    phase: str = "lopend"
    start_year: int | None = None
    website: str = ""
    contact_name: str = ""
    contact_role: str = ""
    contact_email: str = ""
    contact_is_public: bool = False
    hero_image: str = ""
    # (block type, value); an image block names its image by DemoImage.slug.
    body: tuple[tuple[str, dict], ...] = ()


@dataclass(frozen=True)
class DemoStandardPage:
    slug: str
    title: str
    intro: str
    body: str


@dataclass(frozen=True)
class DemoCollection:
    """A curated collection: hand-picked (`items`: import key and curator's note) or by
    selection (`selection`: the query string of a search)."""

    slug: str
    title: str
    intro: str
    items: tuple[tuple[str, str], ...] = ()
    selection: str = ""
    selection_sort: str = "nieuw"
    featured: bool = True


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def _ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _quote(text: str, role: str) -> tuple[str, dict]:
    return ("quote", {"text": text, "speaker_role": role, "speaker_name": ""})


def _links(heading: str, *links: tuple[str, str]) -> tuple[str, dict]:
    return ("links", {"heading": heading, "links": [{"title": t, "url": u} for t, u in links]})


IMAGES = (
    DemoImage(
        slug="demo-groen-blauw",
        title="Demo-illustratie groen en blauw",
        alt="Abstracte illustratie: een zacht verloop van groen naar blauw met lichte cirkels",
        start="#2f8f6f",
        end="#1f5f9f",
        accents=("#bfe8d4", "#8fc7ef", "#ffffff"),
        circles=((0.18, 0.30, 0.20), (0.70, 0.55, 0.26), (0.42, 0.85, 0.12)),
    ),
    DemoImage(
        slug="demo-oranje-geel",
        title="Demo-illustratie oranje en geel",
        alt=(
            "Abstracte illustratie in warme tinten: oranje dat overloopt in geel, "
            "met lichte cirkels"
        ),
        start="#e0702a",
        end="#f2c14e",
        accents=("#fff1c9", "#f7a35c", "#ffffff"),
        circles=((0.78, 0.25, 0.22), (0.25, 0.70, 0.24), (0.55, 0.40, 0.10)),
    ),
    DemoImage(
        slug="demo-paars-roze",
        title="Demo-illustratie paars en roze",
        alt="Abstracte illustratie: diep paars dat overgaat in zachtroze, met ronde lichtvlekken",
        start="#5b3f8c",
        end="#e58fb3",
        accents=("#f6d3e4", "#9f7fd1", "#ffffff"),
        circles=((0.30, 0.25, 0.18), (0.65, 0.75, 0.25), (0.88, 0.20, 0.10)),
    ),
    DemoImage(
        slug="demo-blauw-turquoise",
        title="Demo-illustratie blauw en turquoise",
        alt="Abstracte illustratie: donkerblauw dat overloopt in turquoise, met lichte cirkels",
        start="#173f6b",
        end="#2fb3b0",
        accents=("#b9efe9", "#5f8fd6", "#ffffff"),
        circles=((0.15, 0.75, 0.22), (0.55, 0.30, 0.20), (0.85, 0.70, 0.14)),
    ),
    DemoImage(
        slug="demo-terracotta-zand",
        title="Demo-illustratie terracotta en zand",
        alt=(
            "Abstracte illustratie in aardetinten: terracotta dat overgaat in zand, "
            "met lichte cirkels"
        ),
        start="#b5532f",
        end="#e8cfa4",
        accents=("#f7e8cf", "#d9875f", "#ffffff"),
        circles=((0.72, 0.30, 0.24), (0.20, 0.35, 0.14), (0.45, 0.80, 0.20)),
    ),
    DemoImage(
        slug="demo-mint-grijs",
        title="Demo-illustratie mintgroen en grijs",
        alt="Abstracte illustratie: rustig verloop van leigrijs naar mintgroen met zachte cirkels",
        start="#4a5561",
        end="#9ad9bf",
        accents=("#dff5ea", "#7fa1b3", "#ffffff"),
        circles=((0.25, 0.25, 0.16), (0.60, 0.60, 0.28), (0.90, 0.85, 0.12)),
    ),
)

ORGANISATIONS = (
    DemoOrganisation(name="mboRijnland", kind=Organisation.Kind.EDUCATION, place="Leiden"),
    DemoOrganisation(name="LOC Waardevolle zorg", kind=Organisation.Kind.OTHER),
    DemoOrganisation(
        name="Radicale vernieuwing zorg in het verpleeghuis en thuis",
        kind=Organisation.Kind.OTHER,
        website="https://www.radicalevernieuwing.nl/",
    ),
    DemoOrganisation(
        name="Vernieuwingsbeweging langdurige ggz",
        kind=Organisation.Kind.OTHER,
        website="https://www.rvggz.nl/",
    ),
    DemoOrganisation(
        name="Radicale vernieuwing in de jeugdzorg",
        kind=Organisation.Kind.OTHER,
        website="https://rvjeugdzorg.nl/",
    ),
)

RV_VERPLEEGHUIS = "Radicale vernieuwing zorg in het verpleeghuis en thuis"
RV_GGZ = "Vernieuwingsbeweging langdurige ggz"
RV_JEUGDZORG = "Radicale vernieuwing in de jeugdzorg"

URL_MEETING = (
    "https://www.rvggz.nl/bijeenkomsten/"
    "inspiratiebijeenkomst-radicale-vernieuwing-zorgonderwijs-tussen-dromen-en-doen-deel-1/"
)
URL_ACTIETEAM = (
    "https://www.radicalevernieuwing.nl/actueel/"
    "ministeries-steunen-actieteam-radicale-vernieuwing-zorgonderwijs/"
)
URL_JEUGDZORG = "https://rvjeugdzorg.nl/"

ROLE_LOC = "coördinator LOC Waardevolle zorg"
ROLE_HR = "HR-manager van een zorgorganisatie"
ROLE_PARTICIPANT = "deelnemer aan de inspiratiebijeenkomst"

# Newest first: the order sets the staggered publication dates.
INITIATIVES = (
    DemoInitiative(
        key="demo-mborijnland-ervaringsdeskundigen",
        slug="ervaringsdeskundigen-in-de-klas-mborijnland",
        title="Ervaringsdeskundigen met dementie en NAH in de klas bij mboRijnland",
        summary=(
            "In de regio Leiden gaat het zorgonderwijs naar de werkvloer: mensen met dementie en "
            "niet-aangeboren hersenletsel komen als ervaringsdeskundigen naar mboRijnland, en "
            "studenten gaan naar zorglocaties om daar van en met cliënten te leren."
        ),
        background=_p(
            "Zorg- en welzijnsonderwijs zijn in de loop der jaren steeds verder van de praktijk "
            "af komen te staan. Studenten leren veel óver zorg, maar weinig van de mensen die die "
            "zorg ontvangen.",
            "De coördinator van LOC Waardevolle zorg, tevens bedenker van het onderwijsconcept "
            "Radicale vernieuwing Waarde-vol onderwijs®, begon jaren geleden in de regio Leiden "
            "met het brengen van het zorgonderwijs naar de werkvloer. Bruggen bouwen tussen "
            "zorgaanbieders en zorgonderwijs is daarbij het doel.",
        ),
        approach=_p(
            "Mensen met dementie en mensen met niet-aangeboren hersenletsel (NAH) komen als "
            "ervaringsdeskundigen pur sang naar de opleiding op mboRijnland. Omgekeerd gaan "
            "studenten naar zorglocaties om te leren in de dagelijkse praktijk."
        )
        + _ul(
            "ervaringsdeskundigen brengen hun kennis de klas in;",
            "studenten leren op de zorglocatie, met en van cliënten;",
            "zorg en onderwijs versterken elkaar: wederkerigheid is het sleutelwoord.",
        ),
        results=_p(
            "Studenten ontmoeten de mensen om wie het gaat al tijdens hun opleiding, en leren "
            "kijken vanuit hun perspectief. Zuid-Holland is niet de enige regio: inmiddels werken "
            "ook in Friesland, Noord-Brabant en Noord-Holland roc's samen met zorgorganisaties."
        ),
        lessons=_ul(
            "Begin bij de wil om van elkaar te leren, niet bij het lesprogramma.",
            "Zie ervaringsdeskundigen als een volwaardige bron van kennis.",
            "Inclusie en goede interactie zijn het doel: begrijpen, zien en daarnaar handelen.",
        ),
        province="zuid-holland",
        place="Leiden",
        organisations=("mboRijnland", "LOC Waardevolle zorg"),
        sectors=("ouderenzorg", "welzijn"),
        education_levels=("mbo",),
        target_groups=("studenten", "docenten", "ervaringsdeskundigen", "clienten"),
        themes=("ervaringsdeskundigheid", "leren-en-werken", "wat-wil-de-zorgvrager"),
        keywords=(
            "zorgonderwijs",
            "ervaringsdeskundigheid",
            "dementie",
            "niet-aangeboren hersenletsel",
            "radicale vernieuwing",
        ),
        contact_name="Contactpunt praktijkleren Leiden (fictief)",
        contact_role="coördinator praktijkleren",
        contact_email="info-leiden@example.org",
        contact_is_public=True,
        body=(
            _quote("Het gaat om de wil van elkaar te leren.", ROLE_LOC),
            _quote(
                "Het gaat in zorg en welzijn om inclusie en optimale interactie: ik begrijp jou, "
                "ik zie jou, ik handel daarnaar.",
                ROLE_LOC,
            ),
        ),
    ),
    DemoInitiative(
        key="demo-noord-holland-leren-en-werken",
        slug="leren-en-werken-verweven-noord-holland",
        title="Leren en werken verweven: achttien zorgorganisaties en drie roc's in Noord-Holland",
        summary=(
            "In een Noord-Hollands programma werken achttien zorgorganisaties in verzorging, "
            "verpleging en thuiszorg samen met drie roc's. Studenten begeleiden cliënten op de "
            "zorglocatie, docenten komen naar de werkplek en de zorgorganisatie geeft intervisie "
            "op school."
        ),
        background=_p(
            "Wie leert op de plek waar de zorg gebeurt, leert van iedereen die daar is: cliënten, "
            "naasten, mantelzorgers, zorgmedewerkers en medestudenten. Dat is het vertrekpunt van "
            "een programma in Noord-Holland waarin zorgpraktijk en opleiding geen gescheiden "
            "werelden meer zijn."
        ),
        approach=_p(
            "Achttien zorgorganisaties in de verzorging, verpleging en thuiszorg werken samen met "
            "drie roc's. Leren en werken zijn er verweven:"
        )
        + _ul(
            "studenten begeleiden cliënten op de zorglocatie en ondersteunen elkaar;",
            "docenten komen naar de werkplek om studenten te begeleiden;",
            "de zorgorganisatie komt naar de zorgopleiding om intervisie te geven.",
        )
        + _p(
            "Een onderwijskundig ontwerper van leerwerkomgevingen is bij het programma betrokken."
        ),
        results=_p(
            "Door zorgpraktijk en opleiding te verweven kunnen alle betrokkenen van elkaar leren. "
            "Wie gebruikmaakt van elkaars perspectief, doet nieuwe ideeën op: er ontstaan "
            "wederkerigheid en co-creatie. Studenten die op de zorglocatie leren, hebben "
            "bovendien meteen meer contact met cliënten."
        ),
        lessons=_ul(
            "Zoek de grens tussen werk en opleiding op: daar ontstaat het leren.",
            "Laat docenten en zorgprofessionals elkaars terrein betreden, in beide richtingen.",
            "Zie cliënten, naasten en mantelzorgers als mensen van wie je leert.",
        ),
        province="noord-holland",
        sectors=("ouderenzorg",),
        education_levels=("mbo",),
        target_groups=("studenten", "docenten", "zorgmedewerkers", "clienten", "naasten"),
        themes=("leren-en-werken", "samenwerken-in-de-regio", "docent-in-de-praktijk"),
        keywords=("zorgonderwijs", "samen werken", "leerwerkomgeving", "intervisie", "thuiszorg"),
        contact_name="Programmabureau leren en werken (fictief)",
        contact_role="programmasecretaris",
        contact_email="programma-noord-holland@example.org",
        contact_is_public=True,
        body=(
            _quote(
                "Leren ontstaat op de grens van werk en opleiding.",
                "onderwijskundig ontwerper van leerwerkomgevingen",
            ),
        ),
    ),
    DemoInitiative(
        key="demo-tussen-dromen-en-doen",
        slug="inspiratiebijeenkomsten-tussen-dromen-en-doen",
        title="Inspiratiebijeenkomsten ‘Tussen dromen en doen’",
        summary=(
            "Een drieluik van inspiratiebijeenkomsten over radicale vernieuwing van het "
            "zorgonderwijs, door de vernieuwingsbewegingen in de langdurige ggz, het verpleeghuis "
            "en thuis en de jeugdzorg. De eerste bijeenkomst was op 14 september 2023 in Utrecht."
        ),
        background=_p(
            "Er blijkt grote behoefte om het (zorg)onderwijs mee te vernieuwen: vanuit de "
            "langdurige ggz, de verpleeghuiszorg en zorg thuis, en ook vanuit de jeugdzorg. De "
            "bewegingen wilden een vrijplaats creëren waar buiten de bestaande kaders alle ruimte "
            "is voor inspirerende ideeën, zodat het zorgonderwijs beter aansluit bij de praktijk "
            "van waardevolle zorg."
        ),
        approach=_p(
            "De reeks bestaat uit drie bijeenkomsten: op 14 september 2023 bij Kanaal30 in "
            "Utrecht, op 7 december 2023 en een afsluitende bijeenkomst in 2024. Meedoen is "
            "kosteloos en je kunt je voor elke losse bijeenkomst aanmelden.",
            "Het publiek is breed: mensen die actief zijn in zorg en onderwijs, maar vooral ook "
            "mensen die zelf met zorg te maken hebben en hun naasten. Samen bepalen zij de agenda "
            "voor het vervolg.",
        ),
        results=_p(
            "Op de eerste bijeenkomst kwamen onder meer de praktijk in de regio Leiden en het "
            "Noord-Hollandse programma van zorgorganisaties en roc's aan bod, en ideeën over "
            "personeelsbeleid op competenties, het inroosteren van informele zorg en gastheren "
            "en -vrouwen in het verpleeghuis. Een pasklaar antwoord was er niet, wel veel ideeën."
        ),
        lessons=_ul(
            "Wat wil de zorgvrager? Dat is het uitgangspunt.",
            "Creëer een vrijplaats buiten de bestaande kaders.",
            "Werk op basis van gelijkwaardigheid: professionals, studenten, mantelzorgers, "
            "naasten en vrijwilligers.",
        ),
        province="utrecht",
        place="Utrecht",
        organisations=(RV_GGZ, RV_VERPLEEGHUIS, RV_JEUGDZORG),
        sectors=("ggz", "ouderenzorg", "jeugdzorg"),
        education_levels=("mbo", "hbo", "nascholing"),
        target_groups=(
            "docenten",
            "zorgmedewerkers",
            "clienten",
            "naasten",
            "ervaringsdeskundigen",
            "beleidsmakers",
        ),
        themes=("wat-wil-de-zorgvrager", "regels-naar-relaties", "ervaringsdeskundigheid"),
        keywords=(
            "zorgonderwijs",
            "radicale vernieuwing",
            "samenleving",
            "samen werken",
            "inspiratiebijeenkomst",
        ),
        start_year=2023,
        website=URL_MEETING,
        contact_name="Organisatie inspiratiebijeenkomsten (fictief)",
        contact_role="aanmeldingen en vragen",
        contact_email="bijeenkomsten@example.org",
        contact_is_public=True,
        body=(
            _quote(
                "Het gaat om de mens, veel minder over het proces of het systeem.",
                ROLE_PARTICIPANT,
            ),
            _links(
                "Meer informatie",
                ("Uitnodiging en programma van de eerste bijeenkomst", URL_MEETING),
                ("Radicale vernieuwing in de jeugdzorg", URL_JEUGDZORG),
            ),
        ),
    ),
    DemoInitiative(
        key="demo-wat-wil-de-client",
        slug="niet-alleen-wassen-wat-wil-de-client",
        title="Niet alleen wassen: studenten leren vragen wat de cliënt wil",
        summary=(
            "Een student krijgt vaak een washand in handen met ‘succes met wassen’. In waardevol "
            "onderwijs draait het om de verdiepende vraag: wat wil de cliënt? Studenten leren op "
            "de zorglocatie met cliënten in gesprek te gaan."
        ),
        background=_p(
            "Op de opleiding krijgt een student nu vaak een washand in handen gestopt, met de "
            "mededeling: succes met wassen. Zo leert een student handelingen, maar niet "
            "vanzelf wat de cliënt belangrijk vindt. Op de inspiratiebijeenkomst ‘Tussen dromen "
            "en doen’ werd dat treffend verwoord door een betrokkene uit de zaal."
        ),
        approach=_p(
            "Studenten leren op de zorglocatie, waar ze meteen meer contact hebben met cliënten. "
            "De vraag voor opleiders en begeleiders is: hoe stimuleer je studenten zo dat ze met "
            "cliënten in gesprek gaan over wat zij willen? Hoe stimuleer je die nieuwsgierige "
            "houding?"
        ),
        lessons=_ul(
            "Maak ‘wat wil de cliënt?’ de eerste vraag, vóór de zorghandeling.",
            "Waardeer nieuwsgierigheid en gesprekken, niet alleen afgevinkte taken.",
        ),
        province="landelijk",
        sectors=("ouderenzorg",),
        education_levels=("mbo",),
        target_groups=("studenten", "docenten", "clienten"),
        themes=("wat-wil-de-zorgvrager", "leren-en-werken", "leervragen-centraal"),
        keywords=("zorgonderwijs", "persoonsgerichte zorg", "nieuwsgierigheid", "kwaliteit"),
        phase="idee",
        contact_name="Redactie Kennisbank",
        contact_role="demo-redactie",
        contact_email="redactie@example.org",
        contact_is_public=True,
        body=(
            _quote(
                "In waardevol onderwijs gaat het vooral om de verdiepende vraag: wat wil de "
                "cliënt?",
                ROLE_PARTICIPANT,
            ),
        ),
    ),
    DemoInitiative(
        key="demo-friesland-roc-en-zorg",
        slug="roc-en-zorg-samen-in-friesland",
        title="Roc's en zorgorganisaties samen in Friesland",
        summary=(
            "Ook in Friesland werken roc's samen met zorgorganisaties om het zorgonderwijs te "
            "laten aansluiten bij de praktijk van waardevolle zorg, met de vraag van de "
            "zorgvrager als uitgangspunt."
        ),
        background=_p(
            "Zorg- en welzijnsonderwijs zijn te ver van de praktijk af komen te staan. Het verslag "
            "van de inspiratiebijeenkomst ‘Tussen dromen en doen’ noemt Friesland als een van de "
            "provincies waar roc's en zorgorganisaties daarom de handen ineen hebben geslagen."
        ),
        approach=_p(
            "Roc's en zorgorganisaties bouwen samen bruggen tussen zorgaanbieders en "
            "zorgonderwijs. Studenten leren in de praktijk van de zorg, en de zorgpraktijk heeft "
            "op haar beurt invloed op wat er op school geleerd wordt."
        ),
        lessons=_ul(
            "Wederkerigheid en wederzijdse versterking zijn de sleutelwoorden.",
            "Werk als regionaal netwerk, niet als losse organisaties.",
        ),
        province="friesland",
        sectors=("ouderenzorg", "welzijn"),
        education_levels=("mbo",),
        target_groups=("studenten", "docenten", "zorgmedewerkers"),
        themes=("samenwerken-in-de-regio", "leren-en-werken"),
        keywords=("zorgonderwijs", "samen werken", "regionale samenwerking"),
        contact_name="Regionaal contactpunt zorgonderwijs (fictief)",
        contact_role="regiocoördinator",
        contact_email="regio-friesland@example.org",
    ),
    DemoInitiative(
        key="demo-noord-brabant-roc-en-zorg",
        slug="bruggen-bouwen-in-noord-brabant",
        title="Bruggen bouwen tussen roc's en zorgorganisaties in Noord-Brabant",
        summary=(
            "In Noord-Brabant werken roc's en zorgorganisaties samen aan zorgonderwijs dat "
            "aansluit bij de praktijk. Wederkerigheid staat centraal: zorg en onderwijs "
            "versterken elkaar."
        ),
        background=_p(
            "Noord-Brabant is, naast Zuid-Holland, Friesland en Noord-Holland, een van de "
            "provincies waar roc's en zorgorganisaties samenwerken om het zorgonderwijs dichter "
            "bij de praktijk te brengen."
        ),
        approach=_p(
            "Zorgaanbieders en opleidingen zoeken elkaar op. Het doel is dat professionals, "
            "studenten, mantelzorgers, naasten en vrijwilligers op basis van gelijkwaardigheid "
            "van en met elkaar leren, met de vraag van de zorgvrager als uitgangspunt."
        ),
        lessons=_ul(
            "Bruggen bouwen begint bij elkaar opzoeken, op school én op de werkvloer.",
            "Samenwerken vanuit sectorbelang werkt beter dan vanuit afzonderlijke logo's.",
        ),
        province="noord-brabant",
        sectors=("ouderenzorg", "welzijn"),
        education_levels=("mbo",),
        target_groups=("studenten", "docenten", "zorgmedewerkers"),
        themes=("samenwerken-in-de-regio", "leren-en-werken"),
        keywords=("zorgonderwijs", "samen werken", "regionale samenwerking"),
        contact_name="Regionaal contactpunt zorgonderwijs (fictief)",
        contact_role="regiocoördinator",
        contact_email="regio-brabant@example.org",
    ),
    DemoInitiative(
        key="demo-competenties-in-plaats-van-diplomas",
        slug="personeelsbeleid-op-competenties",
        title="Personeelsbeleid op competenties in plaats van diploma's en functies",
        summary=(
            "Zoeken naar de juiste match: mensen inzetten op hun competenties en "
            "deelkwalificaties in plaats van op diploma's, en indelen op toegevoegde waarde in "
            "plaats van op functies. Een idee uit de beweging voor radicale vernieuwing."
        ),
        background=_p(
            "Hoe laat je de inzet van iedereen die bij de zorg betrokken is zo goed mogelijk "
            "aansluiten bij de vraag van mensen die zorg nodig hebben? Volgens een HR-manager van "
            "een zorgorganisatie die op de inspiratiebijeenkomst sprak, gaat dat over sociale "
            "innovatie: nieuwe patronen van interactie en wederkerigheid.",
            "Ook de beweging voor radicale vernieuwing van het zorgonderwijs noemt het inzetten "
            "en opleiden van mensen op basis van competenties in plaats van diploma's als een van "
            "haar concrete thema's.",
        ),
        approach=_p("Het idee vraagt een andere manier van samenwerken en personeelsbeleid:")
        + _ul(
            "zoeken naar de juiste match tussen de vraag van de cliënt en de mensen die kunnen "
            "helpen;",
            "competenties en deelkwalificaties in plaats van alleen diploma's;",
            "indelen op toegevoegde waarde in plaats van op functies;",
            "als regionaal netwerk samenwerken vanuit sectorbelang, in plaats van als "
            "afzonderlijke organisaties en logo's.",
        ),
        lessons=_p(
            "Begin bij de vraag van de cliënt en het contact met de cliënt, en vertaal die vraag "
            "naar de inzet van mensen. Personeelsbeleid wordt zo een veranderkundig vraagstuk: "
            "het raakt aan roosters, functies en de manier waarop organisaties samenwerken."
        ),
        province="landelijk",
        sectors=("ouderenzorg",),
        education_levels=("mbo", "nascholing"),
        target_groups=("leidinggevenden", "zorgmedewerkers", "beleidsmakers"),
        themes=("competenties", "samenwerken-in-de-regio", "lerende-organisatie"),
        keywords=(
            "sociale innovatie",
            "personeelsbeleid",
            "deelkwalificaties",
            "radicale vernieuwing",
            "van regels naar relaties",
        ),
        phase="idee",
        contact_name="Redactie Kennisbank",
        contact_role="demo-redactie",
        contact_email="redactie@example.org",
        body=(_quote("Begin vanuit de vraag ván en het contact mét de cliënt.", ROLE_HR),),
    ),
    DemoInitiative(
        key="demo-informele-zorg-inroosteren",
        slug="informele-zorg-inroosteren",
        title="Informele zorg inroosteren: de vrijwilliger die wekelijks kookt",
        summary=(
            "Waarom roosteren we alleen op functies? Door ook informele zorg in te plannen, zoals "
            "de vrijwilliger die elke week wil koken op een woongroep, krijgen naasten en "
            "vrijwilligers een vaste plek naast de zorgmedewerkers."
        ),
        background=_p(
            "Roosters in de zorg gaan meestal uit van functies. Wat mantelzorgers, naasten en "
            "vrijwilligers bijdragen, valt daarbuiten. Op de inspiratiebijeenkomst ‘Tussen "
            "dromen en doen’ kwam de vraag op waarom die informele zorg niet gewoon wordt "
            "ingepland."
        ),
        approach=_p(
            "Begin bij de vraag van de bewoners en vertaal die naar de inzet van mensen, betaald "
            "of onbetaald. Een vrijwilliger die wekelijks wil koken op een woongroep, krijgt dan "
            "een vaste plek in de planning, net als de zorgmedewerkers.",
            "Daar hoort bij dat iedereen leert: sla een brug tussen lerende collega's en zittende "
            "medewerkers, en begeleid het leerproces van iedereen.",
        ),
        lessons=_ul(
            "Bekijk het rooster vanuit de bewoner, niet vanuit de functies.",
            "Maak zichtbaar wat vrijwilligers en naasten al doen.",
            "Persoonsgerichte zorg laat cliënt, familie, vrijwilliger en medewerker tot hun "
            "recht komen.",
        ),
        province="landelijk",
        sectors=("ouderenzorg", "welzijn"),
        target_groups=("vrijwilligers", "naasten", "zorgmedewerkers", "leidinggevenden"),
        themes=("informele-zorg", "wat-wil-de-zorgvrager", "regels-naar-relaties"),
        keywords=("vrijwilligers", "mantelzorg", "roosteren", "samen werken", "samenleving"),
        phase="idee",
        body=(
            _quote(
                "Waarom plannen we de informele zorg niet in, bijvoorbeeld de vrijwilliger die "
                "wekelijks wil koken op een woongroep?",
                ROLE_HR,
            ),
            (
                "image",
                {
                    "image": "demo-terracotta-zand",
                    "alt_text": "Abstracte illustratie in terracotta en zandkleur met zachte "
                    "ronde vormen",
                    "caption": "Illustratie: gegenereerde demo-afbeelding",
                },
            ),
        ),
    ),
    DemoInitiative(
        key="demo-gastheren-en-gastvrouwen",
        slug="gastheren-en-gastvrouwen-in-het-verpleeghuis",
        title="Gastheren en gastvrouwen in het verpleeghuis",
        summary=(
            "Kwaliteit van leven gaat verder dan kwaliteit van zorg. Naast zorgmedewerkers zijn "
            "mensen met een andere achtergrond nodig, zoals gastheren en -vrouwen die er voor de "
            "bewoners zijn en in de schoenen van een cliënt kunnen staan."
        ),
        background=_p(
            "In de ouderenzorg vormen verpleegkundige en medische handelingen maar een heel klein "
            "deel van het werk. Radicale vernieuwing van zorg en zorgonderwijs kan daarom tot een "
            "andere samenstelling van het personeel leiden."
        ),
        approach=_p(
            "Een bestuurder van een zorgorganisatie vertelde op de inspiratiebijeenkomst vooral "
            "mensen te zoeken die in de schoenen van een cliënt kunnen staan: niet alleen "
            "zorgmedewerkers, maar ook mensen met een andere achtergrond, zoals gastheren en "
            "-vrouwen die er voor de bewoners zijn.",
            "De professional richt zich op de relatie met de persoon. Voor het zorgonderwijs roept "
            "dat de vraag op hoe je mensen opleidt voor contact en relatie, en niet alleen voor "
            "handelingen.",
        ),
        lessons=_ul(
            "Kijk naar wat bewoners nodig hebben voor een goed leven, niet alleen naar "
            "zorghandelingen.",
            "Benut motivatie en talenten van mensen die nu nog niet benut worden.",
        ),
        province="landelijk",
        sectors=("ouderenzorg",),
        target_groups=("clienten", "leidinggevenden", "zorgmedewerkers"),
        themes=("regels-naar-relaties", "competenties", "wat-wil-de-zorgvrager"),
        keywords=("kwaliteit", "kwaliteit van leven", "gastvrijheid", "van regels naar relaties"),
        phase="idee",
        body=(
            _quote(
                "Het gaat veel meer om kwaliteit van leven, dan om kwaliteit van zorg.",
                "bestuurder van een zorgorganisatie",
            ),
        ),
    ),
    DemoInitiative(
        key="demo-eigen-leerweg",
        slug="leervragen-centraal-eigen-leerweg",
        title="Leervragen van studenten centraal: ieder een eigen leerweg",
        summary=(
            "Niet het onderwijsaanbod maar de leervragen van studenten staan centraal, op basis "
            "van wat zij zelf in de praktijk meemaken en met oog voor hun levenservaring en "
            "waarden. Hoe houd je dan een diploma dat in heel Nederland geldt?"
        ),
        background=_p(
            "Studenten brengen hun eigen levenservaring en waarden mee, en doen in de praktijk "
            "ervaringen op die vragen oproepen. Een vast onderwijsaanbod sluit daar vaak slecht "
            "op aan. De vernieuwingsbeweging werkt er daarom aan om de leervragen van studenten "
            "centraal te stellen."
        ),
        approach=_p(
            "Het onderwijs vertrekt vanuit de ervaringen die studenten zelf opdoen in de praktijk, "
            "met aandacht voor hun unieke levenservaring en waarden. Docenten werken vanuit die "
            "praktijk en vanuit de behoeften van mensen. Zo kan ieder een eigen leerweg gaan."
        ),
        lessons=_p(
            "De grote vraag is hoe ieder een eigen leerweg kan gaan en toch een diploma krijgt "
            "dat in heel Nederland geldig en bruikbaar is. Dat vraagt ruimte in regels en "
            "systemen, die vernieuwing ook kunnen ondersteunen als de waarden van mensen het "
            "uitgangspunt zijn."
        ),
        province="landelijk",
        sectors=("ouderenzorg", "ggz"),
        education_levels=("mbo", "hbo"),
        target_groups=("studenten", "docenten"),
        themes=("leervragen-centraal", "docent-in-de-praktijk"),
        keywords=("zorgonderwijs", "eigen leerweg", "leervragen", "onderwijs"),
    ),
    DemoInitiative(
        key="demo-lerende-organisatie",
        slug="de-zorgorganisatie-als-lerende-organisatie",
        title="De zorgorganisatie als lerende organisatie",
        summary=(
            "Leren en ontwikkelen lukt pas als iedereen in de zorgorganisatie erbij betrokken "
            "raakt, van student tot bestuurder. Personeelsbeleid wordt daarmee een "
            "veranderkundig vraagstuk."
        ),
        background=_p(
            "De ervaring binnen de vernieuwingsbeweging is dat leren en ontwikkelen uiteindelijk "
            "alleen lukt als iedereen in de zorgorganisatie erbij betrokken raakt. Vernieuwing "
            "van de opleiding alleen is niet genoeg."
        ),
        approach=_p(
            "Alle lagen van de zorgorganisatie en de opleiding komen in lerende ontwikkeling. "
            "Professionals, studenten, mantelzorgers, naasten en vrijwilligers werken op basis "
            "van gelijkwaardigheid, en er wordt een brug geslagen tussen lerende collega's en "
            "zittende medewerkers."
        ),
        lessons=_ul(
            "Behandel personeelsbeleid als een veranderkundig vraagstuk.",
            "Begeleid het leerproces van iedereen, niet alleen dat van studenten.",
        ),
        province="landelijk",
        sectors=("ouderenzorg", "ggz"),
        education_levels=("mbo", "nascholing"),
        target_groups=("zorgmedewerkers", "leidinggevenden", "studenten", "vrijwilligers"),
        themes=("lerende-organisatie", "competenties", "informele-zorg"),
        keywords=("lerende organisatie", "personeelsbeleid", "radicale vernieuwing", "kwaliteit"),
        body=(_quote("Begeleid het leerproces van iedereen!", ROLE_HR),),
    ),
    DemoInitiative(
        key="demo-professioneel-lef",
        slug="professioneel-lef-buiten-de-lijntjes",
        title="Professioneel lef: buiten de lijntjes kleuren voor het welzijn van cliënten",
        summary=(
            "Werken aan professionele verantwoordelijkheid en aan het lef van medewerkers om "
            "‘buiten de lijntjes te kleuren’ als het welzijn van cliënten daarom vraagt. "
            "Dwarsdenken en doorbreken horen bij het vak."
        ),
        background=_p(
            "Regels, systemen en gewoontes zitten vernieuwing vaak in de weg, maar kunnen ook "
            "ondersteunen, als de waarden van mensen het uitgangspunt vormen. Zorgmedewerkers "
            "leren vaak dat ze problemen moeten oplossen en mensen moeten redden. Deelnemers aan "
            "de inspiratiebijeenkomst vroegen zich af of het niet veel meer gaat om de laag "
            "daaronder."
        ),
        approach=_p(
            "De vernieuwingsbeweging werkt aan professionele verantwoordelijkheid en aan het lef "
            "van medewerkers om buiten de lijntjes te kleuren als dat nodig is voor het welzijn "
            "van cliënten. Vragen die daarbij centraal staan:"
        )
        + _ul(
            "Hoe sluit je aan bij mensen in hun laatste levensfase?",
            "Hoe acteer je in plaats van te reageren?",
            "Hoe kom je tot persoonsgerichte zorg die cliënt, familie, vrijwilliger en "
            "medewerker tot hun recht laat komen?",
        ),
        lessons=_p(
            "Dwarsdenken en doorbreken kwamen op de bijeenkomst veelvuldig langs. Het gaat om de "
            "mens, veel minder om het proces of het systeem."
        ),
        province="landelijk",
        sectors=("ouderenzorg", "ggz"),
        education_levels=("mbo", "hbo", "nascholing"),
        target_groups=("zorgmedewerkers", "studenten", "leidinggevenden"),
        themes=("regels-naar-relaties", "lerende-organisatie"),
        keywords=(
            "lef",
            "professionele verantwoordelijkheid",
            "dwarsdenken",
            "van regels naar relaties",
            "radicale vernieuwing",
        ),
        body=(_quote("Hoe geef je zorg met 5 procent meer liefde en lef?", ROLE_PARTICIPANT),),
    ),
    DemoInitiative(
        key="demo-ervaringsdeskundigen-ggz-onderwijs",
        slug="ervaringsdeskundigen-geven-les-ggz",
        title="Ervaringsdeskundigen geven les in het onderwijs voor de langdurige ggz",
        summary=(
            "Als we de langdurige ggz radicaal willen vernieuwen, moeten we dan niet bij het "
            "zorgonderwijs beginnen? De vernieuwingsbeweging verkent onder meer hoe "
            "ervaringsdeskundigen ook lessen kunnen verzorgen."
        ),
        background=_p(
            "Mensen in de vernieuwingsbeweging van de langdurige ggz vragen zich steeds vaker af: "
            "als we de langdurige ggz echt radicaal willen vernieuwen, moeten we dan niet bij het "
            "zorgonderwijs beginnen? De beweging is geïnspireerd door Radicale vernieuwing zorg "
            "in het verpleeghuis en thuis."
        ),
        approach=_p(
            "De beweging verkent wat het voor docenten en onderwijsorganisaties betekent om te "
            "werken vanuit de praktijk en vanuit de behoeften van mensen. Een van de vragen is hoe "
            "ervaringsdeskundigen ook lessen kunnen verzorgen, zodat studenten leren van mensen "
            "die zelf met zorg te maken hebben."
        ),
        lessons=_ul(
            "Nodig niet alleen zorg en onderwijs uit, maar vooral ook mensen die zelf met zorg te "
            "maken hebben en hun naasten.",
            "Zie ervaringskennis als volwaardige bron naast vakkennis.",
        ),
        province="landelijk",
        organisations=(RV_GGZ,),
        sectors=("ggz",),
        education_levels=("mbo", "hbo"),
        target_groups=("ervaringsdeskundigen", "docenten", "studenten", "naasten"),
        themes=("ervaringsdeskundigheid", "docent-in-de-praktijk"),
        keywords=(
            "ervaringsdeskundigheid",
            "zorgonderwijs",
            "langdurige ggz",
            "radicale vernieuwing",
        ),
        phase="idee",
        website="https://www.rvggz.nl/",
        contact_name="Redactie Kennisbank",
        contact_role="demo-redactie",
        contact_email="redactie@example.org",
        contact_is_public=True,
    ),
    DemoInitiative(
        key="demo-jeugdzorg-vernieuwt-mee",
        slug="jeugdzorg-vernieuwt-het-zorgonderwijs-mee",
        title="Jeugdzorg vernieuwt het zorgonderwijs mee",
        summary=(
            "Ook vanuit Radicale vernieuwing in de jeugdzorg is er grote behoefte om het "
            "(zorg)onderwijs mee te vernieuwen. De jeugdzorg sluit daarom aan bij de "
            "inspiratiebijeenkomsten die de vernieuwingsbewegingen samen organiseren."
        ),
        background=_p(
            "De droom is dezelfde als in de andere vernieuwingsbewegingen: zorg die draait om "
            "wat voor cliënten, naasten en hulpverleners belangrijk is, en niet om regels, geld "
            "of andere belangen. Het onderwijs voor toekomstige hulpverleners hoort daarbij."
        ),
        approach=_p(
            "Radicale vernieuwing in de jeugdzorg sluit aan bij het drieluik ‘Tussen dromen en "
            "doen’ dat de vernieuwingsbewegingen samen organiseren. Zo leren mensen uit de "
            "jeugdzorg van wat in de ggz, het verpleeghuis en de zorg thuis gebeurt, en "
            "omgekeerd."
        ),
        lessons=_p(
            "Vernieuwing van het zorgonderwijs houdt niet op bij de grenzen van een sector. Wie "
            "samen optrekt, ziet sneller wat werkt."
        ),
        province="landelijk",
        organisations=(RV_JEUGDZORG,),
        sectors=("jeugdzorg",),
        education_levels=("mbo", "hbo"),
        target_groups=("studenten", "docenten", "zorgmedewerkers", "clienten"),
        themes=("regels-naar-relaties", "wat-wil-de-zorgvrager"),
        keywords=("jeugdzorg", "zorgonderwijs", "radicale vernieuwing", "samen werken"),
        phase="idee",
        website=URL_JEUGDZORG,
        contact_name="Redactie Kennisbank",
        contact_role="demo-redactie",
        contact_email="redactie@example.org",
    ),
    DemoInitiative(
        key="demo-binnenkijken-bij-vernieuwers",
        slug="publicatie-binnenkijken-bij-vernieuwers",
        title="Publicatie ‘Binnenkijken bij vernieuwers’",
        summary=(
            "In 2019 werkten deelnemers aan de beweging samen aan de publicatie ‘Radicale "
            "vernieuwing zorgonderwijs. Binnenkijken bij vernieuwers: inzichten, voorbeelden en "
            "overdenkingen’, die werd overhandigd aan de minister van Volksgezondheid."
        ),
        background=_p(
            "Sinds 2017 bundelen mensen uit talloze onderwijsinitiatieven hun krachten binnen de "
            "beweging Radicale vernieuwing zorg in het verpleeghuis en thuis. In 2019 legden "
            "deelnemers hun inzichten en voorbeelden vast."
        ),
        approach=_p(
            "De publicatie ‘Radicale vernieuwing zorgonderwijs. Binnenkijken bij vernieuwers: "
            "inzichten, voorbeelden en overdenkingen’ brengt de ervaringen van vernieuwers in het "
            "zorgonderwijs samen, met veel voorbeelden uit de praktijk."
        ),
        results=_p(
            "De publicatie werd overhandigd aan de minister van Volksgezondheid en de "
            "directeur-generaal van het ministerie van Onderwijs."
        ),
        lessons=_p(
            "Door voorbeelden te bundelen en te delen wordt zichtbaar hoeveel er al gebeurt, en "
            "kunnen anderen erop voortbouwen."
        ),
        province="landelijk",
        organisations=(RV_VERPLEEGHUIS,),
        sectors=("ouderenzorg",),
        education_levels=("mbo", "hbo"),
        target_groups=("beleidsmakers", "docenten", "leidinggevenden"),
        themes=("lerende-organisatie", "competenties", "leervragen-centraal"),
        keywords=("zorgonderwijs", "radicale vernieuwing", "publicatie", "kwaliteit"),
        phase="afgerond",
        start_year=2019,
        body=(
            _links(
                "Meer informatie",
                ("Ministeries steunen actieteam Radicale vernieuwing zorgonderwijs", URL_ACTIETEAM),
            ),
        ),
    ),
    DemoInitiative(
        key="demo-beweging-zorgonderwijs-sinds-2017",
        slug="radicale-vernieuwing-zorgonderwijs-sinds-2017",
        title="Radicale vernieuwing zorgonderwijs: een beweging sinds 2017",
        summary=(
            "Sinds 2017 bundelen mensen uit talloze onderwijsinitiatieven hun krachten binnen de "
            "beweging Radicale vernieuwing zorg in het verpleeghuis en thuis, om het "
            "zorgonderwijs te laten aansluiten bij de praktijk en bij wat voor ieder mens "
            "belangrijk is."
        ),
        background=_p(
            "Vanuit de beweging Radicale vernieuwing zorg in het verpleeghuis en thuis worden "
            "sinds 2017 activiteiten georganiseerd rond radicale vernieuwing van het "
            "zorgonderwijs. Er blijken veel meer mogelijkheden te zijn om aan te sluiten bij de "
            "praktijk en bij wat voor elk individueel mens belangrijk is."
        ),
        approach=_p("Mensen uit onderwijs en zorg werken samen aan concrete thema's:")
        + _ul(
            "mensen inzetten en opleiden op basis van competenties in plaats van diploma's;",
            "professionele verantwoordelijkheid en het lef om buiten de lijntjes te kleuren;",
            "leervragen van studenten centraal in plaats van het onderwijsaanbod;",
            "de zorgorganisatie als lerende organisatie;",
            "docenten die vanuit de praktijk werken, en ervaringsdeskundigen die lessen verzorgen.",
        ),
        results=_p(
            "Deelnemers werkten in 2019 aan de publicatie ‘Binnenkijken bij vernieuwers’. De "
            "beweging inspireerde ook de vernieuwingsbeweging in de langdurige ggz."
        ),
        lessons=_p(
            "Regels, systemen en gewoontes zitten vaak in de weg, maar kunnen ook ondersteunend "
            "zijn als de waarden van mensen het uitgangspunt vormen. Het gaat ook om het benutten "
            "en behouden van de motivatie en talenten van mensen die nu nog niet benut worden, "
            "maar wel hard nodig zijn."
        ),
        province="landelijk",
        organisations=(RV_VERPLEEGHUIS,),
        sectors=("ouderenzorg",),
        education_levels=("mbo", "hbo", "nascholing"),
        target_groups=("docenten", "studenten", "zorgmedewerkers", "leidinggevenden"),
        themes=(
            "competenties",
            "leervragen-centraal",
            "lerende-organisatie",
            "regels-naar-relaties",
        ),
        keywords=(
            "radicale vernieuwing",
            "radicale vernieuwing verpleeghuiszorg en zorg thuis",
            "zorgonderwijs",
            "samenleving",
            "van regels naar relaties",
        ),
        start_year=2017,
        website="https://www.radicalevernieuwing.nl/",
    ),
)

FEATURED_KEYS = (
    "demo-mborijnland-ervaringsdeskundigen",
    "demo-noord-holland-leren-en-werken",
    "demo-tussen-dromen-en-doen",
)

STANDARD_PAGES = (
    DemoStandardPage(
        slug="over",
        title="Over de Kennisbank",
        intro=(
            "De Kennisbank verzamelt praktijkvoorbeelden van vernieuwing in zorg en zorgonderwijs, "
            "zodat je ziet wat anderen al doen en daarvan kunt leren."
        ),
        body=(
            "<h2>Waarom deze kennisbank?</h2>"
            + _p(
                "Overal in Nederland werken zorgorganisaties, opleidingen, cliënten en hun naasten "
                "aan zorg en zorgonderwijs die aansluiten bij wat mensen echt belangrijk vinden. "
                "Die voorbeelden zijn vaak lastig te vinden. De Kennisbank brengt ze samen: "
                "gestructureerd, doorzoekbaar en vergelijkbaar."
            )
            + "<h2>Wat vind je hier?</h2>"
            + _p(
                "Elk initiatief wordt op dezelfde manier beschreven: de aanleiding, de aanpak, "
                "wat het oplevert en wat anderen ervan kunnen leren. Je kunt zoeken op trefwoord "
                "en bladeren per thema of provincie."
            )
            + "<h2>Meedoen</h2>"
            + _p(
                "Ken je een initiatief dat hier nog niet tussen staat, of werk je er zelf aan? "
                "Dan kun je het zelf toevoegen, en elk initiatief kun je aanvullen of "
                "verbeteren, zoals in een wiki.",
                "Zo werkt het:",
            )
            + _ul(
                "Lezen en zoeken kan iedereen, zonder account.",
                '<a href="/account/aanmelden/">Meld je aan</a> met je naam en e-mailadres en '
                "bevestig je e-mailadres met de link in de bevestigingsmail. Je bent dan "
                "bijdrager.",
                'Als bijdrager kies je <a href="/initiatief-toevoegen/">Initiatief '
                "toevoegen</a>, of ‘Bewerk dit initiatief’ op de pagina van een initiatief. Je "
                "kunt elk initiatief bewerken, ook dat van een ander.",
                "Elke nieuwe bijdrage en elke wijziging gaat eerst naar de redactie. Een "
                "redacteur keurt haar goed, of vraagt je iets aan te passen; pas na "
                "goedkeuring staat ze op de site. Je krijgt van beide bericht per e-mail.",
                "Redacteuren controleren ook of gepubliceerde initiatieven nog kloppen: "
                "‘Laatst gecontroleerd’ op een initiatief zegt wanneer dat voor het laatst "
                "gebeurde, ‘Laatst bijgewerkt’ wanneer de laatste wijziging verscheen. In de "
                "geschiedenis van een initiatief zie je elke gepubliceerde versie.",
            )
            + "<h2>Over de voorbeeldinhoud</h2>"
            + _p(
                "De initiatieven op deze site zijn voorbeeldinhoud, gebaseerd op het verslag van "
                "de inspiratiebijeenkomst ‘Tussen dromen en doen’ (2023) en de uitnodiging voor "
                "die reeks van de vernieuwingsbeweging in de langdurige ggz. De contactgegevens "
                "zijn fictief en de afbeeldingen zijn gegenereerde illustraties."
            )
        ),
    ),
    DemoStandardPage(
        slug="privacy",
        title="Privacyverklaring",
        intro="Hoe de Kennisbank omgaat met persoonsgegevens.",
        body=(
            "<h2>Bezoekers</h2>"
            + _p(
                "De Kennisbank is een openbare website. Je hebt geen account nodig en we vragen "
                "geen persoonsgegevens om de site te gebruiken. De site plaatst alleen cookies "
                "die nodig zijn om te werken, zoals een sessiecookie voor wie is ingelogd; "
                "we gebruiken geen cookies voor advertenties."
            )
            + "<h2>Contactpersonen bij initiatieven</h2>"
            + _p(
                "Bij een initiatief kan een contactpersoon staan. Naam, rol en e-mailadres tonen "
                "we alleen als die persoon daarvoor toestemming heeft gegeven. E-mailadressen "
                "zetten we zo op de pagina dat ze moeilijk automatisch te verzamelen zijn."
            )
            + "<h2>Bijdragers en redacteuren</h2>"
            + _p(
                "Van bijdragers en redacteuren bewaren we naam, e-mailadres, organisatie (als "
                "je die opgeeft) en de wijzigingen die zij aanbrengen, zodat de geschiedenis "
                "van elk initiatief te volgen is. Bij een initiatief tonen we alleen je naam. "
                "Verwijder je je account, dan wissen we je naam, e-mailadres en organisatie; "
                "je wijzigingen blijven staan op naam van ‘oud-bijdrager’."
            )
            + "<h2>Je rechten</h2>"
            + _p(
                "Je kunt vragen welke gegevens we van je hebben, en die laten corrigeren of "
                "verwijderen. Mail daarvoor naar privacy@example.org."
            )
        ),
    ),
)

COLLECTIONS = (
    DemoCollection(
        slug="ervaringsdeskundigen-in-het-onderwijs",
        title="Ervaringsdeskundigen in het zorgonderwijs",
        intro=_p(
            "Mensen met dementie, niet-aangeboren hersenletsel of een psychische kwetsbaarheid, "
            "en hun naasten, staan voor de klas en denken mee over de opleiding. Deze collectie "
            "volgt een zoekopdracht: elk nieuw initiatief met het thema "
            "ervaringsdeskundigheid komt er vanzelf bij."
        ),
        selection="thema=ervaringsdeskundigheid",
        selection_sort="nieuw",
    ),
    DemoCollection(
        slug="regios-die-leren-en-werken-verweven",
        title="Regio’s die leren en werken verweven",
        intro=_p(
            "Zorgorganisaties en roc’s die samen opleiden, van Noord-Holland tot Noord-Brabant. "
            "Voor wie in de eigen regio een netwerk wil beginnen: drie voorbeelden, van groot "
            "naar klein."
        ),
        items=(
            (
                "demo-noord-holland-leren-en-werken",
                "Het grootste netwerk: achttien zorgorganisaties en drie roc’s.",
            ),
            ("demo-friesland-roc-en-zorg", "Laat zien hoe een provincie samen optrekt."),
            ("demo-noord-brabant-roc-en-zorg", ""),
        ),
    ),
    DemoCollection(
        slug="de-client-centraal-in-de-opleiding",
        title="De cliënt centraal in de opleiding",
        intro=_p(
            "Wat wil de cliënt? Voorbeelden van opleiden vanuit die vraag: studenten die leren "
            "vragen in plaats van doen, eigen leerwegen en professioneel lef. Gekozen door de "
            "redactie als startpunt voor docenten en opleiders."
        ),
        items=(
            ("demo-wat-wil-de-client", "Een goed begin voor het eerste studiejaar."),
            ("demo-eigen-leerweg", ""),
            (
                "demo-professioneel-lef",
                "Over wat regels met zorg doen, en hoe je daar als student mee omgaat.",
            ),
            ("demo-gastheren-en-gastvrouwen", ""),
        ),
    ),
)
