"""Dutch text analysis shared by every search engine.

The engines get pre-analysed terms, so the database backends and an Elasticsearch index
without language analyzers behave alike:

- index: ``" ".join(index_terms(text, lexicon=lexicon))`` into a plain text field, where
  `index_terms` folds (Fryslân -> fryslan), stems (verpleeghuizen -> verpleeghuis) and adds the
  parts of compounds (zorgonderwijs -> zorg, onderwijs);
- query: ``query_terms(query)``, the stems of the typed words;
- show: `highlight` marks the matches in a snippet; `suggest` and `prefix_matches` correct
  typos and complete words against the vocabulary of the index.
"""

from .analysis import STOPWORDS, query_terms, stem, words
from .compounds import Lexicon, index_terms, split_compound
from .highlight import Highlighter, highlight
from .spelling import closest, edit_distance, prefix_matches, suggest

__all__ = [
    "STOPWORDS",
    "Highlighter",
    "Lexicon",
    "closest",
    "edit_distance",
    "highlight",
    "index_terms",
    "prefix_matches",
    "query_terms",
    "split_compound",
    "stem",
    "suggest",
    "words",
]
