"""Draws the OpenTaal sample of bench/wordforms.py: ordinary Dutch words and their inflected
forms, from the OpenTaal Hunspell dictionary (Debian hunspell-nl) expanded with its own affix
rules. Only needed to draw the sample again; the result is bench/data/wordforms_opentaal.tsv.

    python bench/wordforms_sample.py > bench/data/wordforms_opentaal.tsv
    python bench/wordforms_sample.py --seed 7 > /tmp/wordforms_fresh.tsv  # a fresh draw

Needs `wordfreq` (not a project dependency: `pip install wordfreq`) to keep ordinary words, those
among the 30,000 most frequent Dutch words (both forms). The search analysis does not use
Hunspell, so this sample is held out from the lexicon it does use (simplemma).
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from wordfreq import top_n_list

HUNSPELL = Path("/usr/share/hunspell")
# Hunspell morphological tags (ts:) of the affix rules, to our groups.
GROUPS = {
    "NN1r": "diminutive",
    "NN2r": "diminutive-plural",
    "NN2": "plural",
    "AJcn": "comparative",
    "AJce": "comparative",
    "AJsn": "superlative",
    "AJse": "superlative",
}
PER_GROUP = {"plural": 90, "diminutive": 45, "diminutive-plural": 45, "comparative": 45,
             "superlative": 45}  # fmt: skip


def rules() -> dict[str, list[tuple[str, str, re.Pattern, str]]]:
    found: dict[str, list] = {}
    for line in (HUNSPELL / "nl.aff").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 5 and parts[0] == "SFX":
            tag = next((p[3:] for p in parts[5:] if p.startswith("ts:")), "")
            strip = "" if parts[2] == "0" else parts[2]
            add = parts[3].split("/")[0]
            if add.endswith("-") or tag not in GROUPS:
                continue
            found.setdefault(parts[1], []).append((strip, add, re.compile(parts[4] + "$"), tag))
    return found


def main() -> None:
    ordinary = set(top_n_list("nl", 30000))
    affixes = rules()
    pairs: dict[str, list[tuple[str, str]]] = {}
    lines = (HUNSPELL / "nl.dic").read_text(encoding="utf-8").splitlines()[1:]
    # A form that the dictionary also lists as a word of its own (boter, rechter, moest) is
    # ambiguous: such pairs are left out.
    entries = {line.partition("/")[0] for line in lines}
    for line in lines:
        word, _, flags = line.partition("/")
        if word not in ordinary or not word.isalpha() or not word.islower():
            continue
        for flag in (flags[i : i + 2] for i in range(0, len(flags), 2)):
            for strip, add, condition, tag in affixes.get(flag, []):
                if condition.search(word) and word.endswith(strip):
                    form = word[: len(word) - len(strip)] + add
                    if form != word and form in ordinary and form not in entries:
                        pairs.setdefault(GROUPS[tag], []).append((form, word))
    rng = random.Random(_seed())
    print("# form\tdictionary form\tgroup")
    for group, size in PER_GROUP.items():
        found = sorted(set(pairs.get(group, [])))
        for form, word in sorted(rng.sample(found, min(size, len(found)))):
            print(f"{form}\t{word}\t{group}")


def _seed() -> int:
    """13, the committed sample's, unless `--seed N` asks for another draw."""
    if "--seed" in sys.argv:
        return int(sys.argv[sys.argv.index("--seed") + 1])
    return 13


if __name__ == "__main__":
    sys.exit(main())
