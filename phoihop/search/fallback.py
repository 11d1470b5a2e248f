"""What the search does when every-word matching finds (almost) nothing.

Three recoveries, each an exact test on the same index as the main search, so SQLite and
PostgreSQL return the same results:

* **Partial matches** (`partial_rank`). The rows holding the most words of the query, best first:
  the rows with all but one word, then all but two, and so on down to one. A row holds at least
  k of the words exactly when it holds every word of some k-word subset, so each level is an
  ordinary `engine.rank` over the subsets as variants (the engine's features and date order rank
  rows within a level). A level is read only when the levels above it left the page short, so
  every row shown has exactly the coverage it is listed with. Words the vocabulary does not hold
  cannot match and are left out; of a long query only the `PARTIAL_TERMS` rarest words are
  counted (common words add nothing to "how much of it", and the subsets would multiply).
* **Keystrokes** (`input_methods.recover`): Telex or VNI typed with the input method off.
* **Did you mean** (`correction`): each word the vocabulary lacks (or holds in almost no article
  while a neighbour is common) is replaced by the most common vocabulary word one edit away
  (a letter dropped, added, changed or two swapped), or split in two known words ("thanhtri").
  The vocabulary is `ArticleTerm`, kept by the services; one indexed ``IN`` lookup per word.
"""

from __future__ import annotations

import itertools
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection

from phoihop.search import engine
from phoihop.search.models import MAX_TERM_CHARS, ArticleTerm

PARTIAL_TERMS = 6
# A known word this rare, beside a neighbour at least `RARE_FACTOR` times as common, is taken for a typo.
RARE_DOCUMENTS = 2
RARE_FACTOR = 50
_LETTERS = string.ascii_lowercase + string.digits


def vocabulary(terms: Iterable[str]) -> dict[str, int]:
    """Document counts of these folded terms (absent: not in any article)."""
    wanted = sorted({term for term in terms if 0 < len(term) <= MAX_TERM_CHARS})
    found: dict[str, int] = {}
    table = ArticleTerm._meta.db_table
    with connection.cursor() as cursor:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            cursor.execute(
                f"SELECT term, documents FROM {table} WHERE term IN ({', '.join(['%s'] * len(chunk))})",  # noqa: S608
                chunk,
            )
            found.update((term, int(count)) for term, count in cursor.fetchall() if count > 0)
    return found


@dataclass(frozen=True)
class PartialHit:
    key: int
    matched: int


def partial_terms(query: engine.ParsedQuery, counts: dict[str, int]) -> tuple[str, ...]:
    """The words of the query (as typed, folded) that partial matching counts, in query order."""
    words = tuple(dict.fromkeys(query.variants[0]))
    known = [word for word in words if counts.get(word)]
    if len(known) > PARTIAL_TERMS:
        rarest = set(sorted(known, key=lambda word: (counts[word], word))[:PARTIAL_TERMS])
        known = [word for word in known if word in rarest]
    return tuple(known)


def partial_rank(
    query: engine.ParsedQuery,
    table: engine.IndexTable,
    counts: dict[str, int],
    *,
    filters: engine.Filters | None = None,
    limit: int = 20,
    exclude: Sequence[int] = (),
) -> tuple[tuple[str, ...], list[PartialHit]]:
    """The rows holding the most of the query's words, best first (see the module's docstring):
    (the words counted, the hits with how many of them each holds). Rows in `exclude` (the
    every-word matches already shown) are left out."""
    words = partial_terms(query, counts)
    every = len(words) == len(set(query.variants[0]))
    seen = set(exclude)
    hits: list[PartialHit] = []
    # All the known words together is the every-word search itself when every word is known.
    for level in range(len(words) - 1 if every else len(words), 0, -1):
        wanted = limit - len(hits)
        if wanted <= 0:
            break
        subsets = tuple(itertools.combinations(words, level))
        level_query = engine.ParsedQuery(text=query.text, variants=subsets, accent_terms=())
        ranked = engine.rank(level_query, table, filters=filters, limit=wanted + len(seen), count=False)
        new = [key for key in ranked.keys if key not in seen]
        hits.extend(PartialHit(key=key, matched=level) for key in new[:wanted])
        seen.update(new)
    return words, hits


def _edits(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    changes = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return (deletes | swaps | changes | inserts) - {word}


def correct_word(word: str, counts: dict[str, int]) -> tuple[str, ...] | None:
    """The likeliest intended word(s) for `word` from the vocabulary, or None. Numbers and one-letter
    words are never corrected."""
    own = counts.get(word, 0)
    if own > RARE_DOCUMENTS or len(word) < 2 or word.isdigit() or len(word) > MAX_TERM_CHARS:
        return None
    edits = sorted(_edits(word))
    halves = [(word[:i], word[i:]) for i in range(1, len(word))]
    found = vocabulary([*edits, *(half for pair in halves for half in pair)])
    best: tuple[int, tuple[str, ...]] | None = None
    for edit in edits:
        if edit in found and (best is None or found[edit] > best[0]):
            best = (found[edit], (edit,))
    for left, right in halves:
        if left in found and right in found and len(left) > 1 and len(right) > 1:
            score = min(found[left], found[right])
            if best is None or score > best[0]:
                best = (score, (left, right))
    if best is None or (own and best[0] < own * RARE_FACTOR):
        return None
    return best[1]


def correction(words: Sequence[str], counts: dict[str, int]) -> list[tuple[str, ...]] | None:
    """The query's words with the likely typos corrected (each word as a tuple: a split gives two),
    or None when nothing was corrected."""
    corrected: list[tuple[str, ...]] = []
    changed = False
    for word in words:
        replacement = correct_word(word, counts)
        changed = changed or replacement is not None
        corrected.append(replacement or (word,))
    return corrected if changed else None
