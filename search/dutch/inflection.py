"""Other forms of a Dutch verb, so that a search for "werken" also finds "werkt" and
"gewerkt", and one for "geleerd" finds "leren".

Snowball's stemmer leaves the -t of the present tense and the ge-...-t/-d of the participle,
and rules that strip them in the index would also cut nouns (kwaliteit, gebied). So the forms
are guessed at query time instead, generously, and a search uses only those that occur in the
indexed texts (`planner`), which keeps the guesses that are not Dutch words out.
"""

from __future__ import annotations

from functools import lru_cache

_VOWELS = frozenset("aeiou")
MIN_ROOT = 3

# Strong and irregular verbs the rules cannot derive: infinitive, past tense (singular,
# plural), past participle. Their present tense follows the rules (loopt, schrijft).
# A "-" leaves out a form that is mostly another word in these texts: leden (members) for
# lijden, gevallen (cases) for vallen, geweten (conscience) for weten, lagen (layers) for
# liggen, week for wijken. The forms left are trusted where the lexicon files them under
# another word (wilde: wild, stal: stallen).
STRONG_VERBS = """
    beginnen begon begonnen begonnen
    bieden bood - geboden
    aanbieden bood - aangeboden
    blijven bleef bleven gebleven
    brengen bracht brachten gebracht
    denken dacht dachten gedacht
    doen deed deden gedaan
    gaan ging gingen gegaan
    geven gaf - gegeven
    helpen hielp hielpen geholpen
    houden hield hielden gehouden
    kiezen koos kozen gekozen
    kijken keek keken gekeken
    komen kwam kwamen gekomen
    krijgen kreeg kregen gekregen
    lezen las lazen gelezen
    liggen lag - gelegen
    lopen liep liepen gelopen
    nemen nam - genomen
    ontstaan ontstond ontstonden ontstaan
    ontvangen ontving ontvingen ontvangen
    roepen riep riepen geroepen
    schrijven schreef schreven geschreven
    slagen slaagde slaagden geslaagd
    spreken sprak spraken gesproken
    staan stond stonden gestaan
    begrijpen begreep begrepen begrepen
    verbinden verbond verbonden verbonden
    verdwijnen verdween verdwenen verdwenen
    vergelijken vergeleek vergeleken vergeleken
    verliezen verloor verloren verloren
    vinden vond vonden gevonden
    vragen vroeg vroegen gevraagd
    weten wist wisten -
    winnen won wonnen gewonnen
    zien zag zagen gezien
    zitten zat zaten gezeten
    zoeken zocht zochten gezocht
    kopen kocht kochten gekocht
    dragen droeg droegen gedragen
    bijdragen droeg droegen bijgedragen
    sluiten sloot - gesloten
    trekken trok trokken getrokken
    worden werd werden geworden
    ondersteunen ondersteunde ondersteunden ondersteund
    bakken bakte bakten gebakken
    bedriegen bedroog bedrogen bedrogen
    bederven bedierf bedierven bedorven
    bergen borg borgen geborgen
    bevelen beval bevalen bevolen
    bewegen bewoog bewogen bewogen
    bezwijken bezweek bezweken bezweken
    bidden - - gebeden
    bijten beet beten gebeten
    binden bond bonden gebonden
    blazen blies bliezen geblazen
    blijken - bleken gebleken
    breken brak braken gebroken
    buigen boog bogen gebogen
    drijven dreef dreven gedreven
    dringen drong drongen gedrongen
    drinken dronk - gedronken
    duiken dook doken gedoken
    dwingen dwong dwongen gedwongen
    eten at aten gegeten
    fluiten floot floten gefloten
    gelden gold golden gegolden
    genezen genas genazen genezen
    genieten genoot genoten genoten
    gieten goot goten gegoten
    glijden gleed gleden gegleden
    grijpen greep grepen gegrepen
    hangen hing hingen gehangen
    heffen hief hieven geheven
    heten heette heetten geheten
    jagen joeg joegen gejaagd
    klimmen klom klommen geklommen
    klinken klonk klonken geklonken
    knijpen kneep knepen geknepen
    krimpen kromp krompen gekrompen
    kruipen kroop kropen gekropen
    kunnen kon konden gekund
    lachen lachte lachten gelachen
    laden laadde laadden geladen
    laten liet lieten gelaten
    liegen loog logen gelogen
    lijden - - -
    lijken leek leken geleken
    mogen mocht mochten gemogen
    moeten moest moesten gemoeten
    ontbijten ontbeet ontbeten ontbeten
    rijden reed - gereden
    rijzen rees rezen gerezen
    ruiken - - geroken
    scheiden scheidde scheidden gescheiden
    schelden schold scholden gescholden
    schenden schond schonden geschonden
    schenken schonk schonken geschonken
    scheren schoor schoren geschoren
    schieten schoot schoten geschoten
    schijnen scheen - geschenen
    schrikken schrok schrokken geschrokken
    schuiven schoof schoven geschoven
    slaan sloeg sloegen geslagen
    slapen sliep sliepen geslapen
    slijpen - - geslepen
    sluipen - - geslopen
    smelten smolt smolten gesmolten
    smijten smeet smeten gesmeten
    snijden sneed sneden gesneden
    spinnen spon sponnen gesponnen
    splijten spleet spleten gespleten
    springen sprong sprongen gesprongen
    steken stak - gestoken
    stelen stal - gestolen
    sterven stierf stierven gestorven
    stijgen steeg stegen gestegen
    stinken stonk stonken gestonken
    strijden streed streden gestreden
    strijken - - gestreken
    treden trad traden getreden
    treffen trof troffen getroffen
    vallen viel vielen -
    vangen ving vingen gevangen
    varen - - gevaren
    vechten - vochten gevochten
    verbieden verbood verboden verboden
    vergeten vergat vergaten vergeten
    vermijden vermeed vermeden vermeden
    verraden verraadde verraadden verraden
    vliegen vloog vlogen gevlogen
    vlechten vlocht vlochten gevlochten
    vouwen vouwde vouwden gevouwen
    vriezen vroor vroren gevroren
    wassen waste wasten gewassen
    wegen woog wogen gewogen
    werpen wierp wierpen geworpen
    werven wierf wierven geworven
    wijken - - geweken
    wijzen - - gewezen
    willen wilde wilden gewild
    willen wou - gewild
    wreken wreekte wreekten gewroken
    wrijven wreef wreven gewreven
    zeggen zei zeiden gezegd
    zenden zond - gezonden
    zingen zong zongen gezongen
    zinken zonk zonken gezonken
    zuigen zoog zogen gezogen
    zwemmen zwom zwommen gezwommen
    zweren zwoer zwoeren gezworen
    zwerven zwierf zwierven gezworven
    zwijgen zweeg zwegen gezwegen
"""


def _strong_forms() -> dict[str, tuple[str, ...]]:
    """Each form of a strong verb -> every form in its row (or rows: droeg)."""
    rows: dict[str, dict[str, None]] = {}
    for line in STRONG_VERBS.strip().splitlines():
        row = [form for form in line.split() if form != "-"]
        for form in row:
            rows.setdefault(form, {}).update(dict.fromkeys(row))
    return {form: tuple(row) for form, row in rows.items()}


_STRONG_FORMS = _strong_forms()


@lru_cache(maxsize=4096)
def verb_forms(word: str) -> tuple[str, ...]:
    """Candidate forms of the verb `word` may be a form of (folded), `word` itself excluded.

    Covers the infinitive and plural (werken, leren), present tense (werkt, leert), past tense
    (werkte, leerden) and past participle (gewerkt, geleerd; begeleid, verbeterd), with the
    spelling changes between them (zetten/zet, leven/leeft, reizen/reist).
    """
    if len(word) < 4 or not word.isalpha():
        return ()
    forms: dict[str, None] = {}
    for root in _roots(word):
        for form in _forms_of(root):
            forms[form] = None
    # A strong verb: its row, found from any of its forms or from the infinitive of a present
    # tense (loopt -> lopen -> liep, gelopen), and the regular forms of its infinitive. Not
    # from every guess: wonen -> wonnen would lead to winnen, won.
    for strong in strong_forms(word):
        forms[strong] = None
        for regular in _forms_of_infinitive(strong):
            forms[regular] = None
    forms.pop(word, None)
    return tuple(forms)


@lru_cache(maxsize=4096)
def strong_forms(word: str) -> frozenset[str]:
    """The forms of the strong verb (in STRONG_VERBS) that `word` is a form of, or of the verb
    whose present tense it is (loopt -> lopen -> liep, gelopen); empty for other words."""
    present = word[:-1] if word.endswith("t") else None
    found: set[str] = set()
    for form in [word, *(_forms_of_infinitive(present + "en") if present else [])]:
        found.update(_STRONG_FORMS.get(form, ()))
    return frozenset(found)


def strong_row(word: str) -> frozenset[str]:
    """The forms of the strong verb `word` itself is a form of in STRONG_VERBS (wilde:
    willen, wilden, gewild), without guessing from a present tense."""
    return frozenset(_STRONG_FORMS.get(word, ()))


def _forms_of_infinitive(word: str) -> list[str]:
    if not word.endswith("en"):
        return []
    return [form for root in _spellings(word[:-2]) for form in _forms_of(root)]


def _roots(word: str) -> set[str]:
    """The verb roots (werk, leer, zet) `word` may be formed from."""
    candidates = {word}
    if word.endswith("en"):
        candidates.add(word[:-2])
    if word.endswith(("te", "de")):
        candidates.add(word[:-2])
    if word.endswith(("ten", "den")):
        candidates.add(word[:-3])
    if word.endswith(("t", "d")):
        candidates.add(word[:-1])
    if word.startswith("ge") and len(word) > 5:
        participle = word[2:]
        candidates.add(participle)
        if participle.endswith(("t", "d")):
            candidates.add(participle[:-1])
    roots: set[str] = set()
    for root in candidates:
        roots.update(_spellings(root))
    # A verb root ends in a consonant; those that do not (gaan, doen, zien) are strong verbs.
    return {root for root in roots if len(root) >= MIN_ROOT and root[-1] not in _VOWELS}


def _spellings(root: str) -> set[str]:
    """A root as written before an ending (ler-en) and on its own (leer-t)."""
    spellings = {root}
    if len(root) >= 2 and root[-1] == root[-2] and root[-1] not in _VOWELS:
        spellings.add(root[:-1])  # zett(en) -> zet
    last = root[-1:]
    if last == "v":
        spellings.add(root[:-1] + "f")  # lev(en) -> leef(t), via the vowel below
    elif last == "z":
        spellings.add(root[:-1] + "s")  # reiz(en) -> reis(t)
    for spelling in list(spellings):
        if _short_vowel_before_last(spelling):
            spellings.add(spelling[:-1] + spelling[-2] + spelling[-1])  # ler -> leer
    return spellings


def _forms_of(root: str) -> list[str]:
    """Every form of the verb with this root (werk, leer, zet), spelled every plausible way."""
    stems = {root}
    if _long_vowel_before_last(root):
        stems.add(root[:-2] + root[-1])  # leer -> ler(en)
    if _short_vowel_before_last(root):
        stems.add(root + root[-1])  # zet -> zett(en)
    if root.endswith("f"):
        stems.update(stem[:-1] + "v" for stem in list(stems))  # leef -> lev(en)
    elif root.endswith("s"):
        stems.update(stem[:-1] + "z" for stem in list(stems))  # reis -> reiz(en)
    # Not the bare root (ik werk, leer!): written about initiatives it is rare as a verb, and
    # often another word (lef from leven, won from wonen, plan from plannen).
    # A root ending in -t is its own present tense (hij zet, praat), one in -d the participle
    # of a verb with a prefix (begeleid, verbeterd).
    forms = [root] if root.endswith(("t", "d")) else []
    forms += [root + "t", root + "d", "ge" + root + "t", "ge" + root + "d"]
    if root.endswith(("t", "d")):
        forms.append("ge" + root)  # gezet, geleid (not gewoon from wonen)
    for stem in [root, *stems]:
        forms.append(stem + "en")
    forms += [root + "te", root + "de", root + "ten", root + "den"]
    return forms


def _short_vowel_before_last(word: str) -> bool:
    """A single vowel between consonants at the end: ler, zet (not leer, werk)."""
    return (
        len(word) >= 3
        and word[-1] not in _VOWELS
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    )


def _long_vowel_before_last(word: str) -> bool:
    """A doubled vowel before the last consonant: leer, maak."""
    return (
        len(word) >= 4 and word[-1] not in _VOWELS and word[-2] == word[-3] and word[-2] in "aeou"
    )
