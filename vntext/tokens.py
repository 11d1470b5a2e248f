"""Syllable tokens.

Vietnamese writes one syllable per space-separated unit, and a word is one or more syllables
("thành phố" is one word). Without a dictionary syllables cannot be grouped into words, so the tokens
here are syllables: maximal runs of Unicode letters and digits (with any combining marks attached).
Everything else separates tokens, including hyphens, dots and ampersands: "KT-XH" → ["kt", "xh"],
"covid-19" → ["covid", "19"], "1.000" → ["1", "000"]. Word segmentation needs a lexicon or a model
and is deliberately not provided by this dependency-free package.
"""

from __future__ import annotations

import re

from vntext.fold import fold
from vntext.normalize import normalize

__all__ = ["COMBINING_MARKS", "fold_tokens", "token_pairs", "token_spans", "tokenize"]

# Combining marks are not \w in Python. After NFC a Vietnamese letter never carries a separate mark,
# but a mark with no precomposed form (possible in foreign names) must not split its word.
#: Character-class ranges (for a regex ``[...]``) of the combining diacritical mark blocks.
COMBINING_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_TOKEN = re.compile(rf"[^\W_](?:[^\W_]|[{COMBINING_MARKS}])*")
_FOLDED_TOKEN = re.compile(r"[^\W_]+")


def _raw_tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalize(text))


def tokenize(text: str) -> list[str]:
    """Return the syllable tokens of ``text``, normalized and lowercased, diacritics kept:
    "Ủy ban KT-XH" → ["ủy", "ban", "kt", "xh"]."""
    return [token.lower() for token in _raw_tokens(text)]


# Folded pieces of each token already seen: articles repeat the same few thousand syllables, and
# folding is the costly part of tokenizing for the search index. Bounded like the fold table.
_PIECES: dict[str, list[str]] = {}
_MAX_CACHED = 100_000


def _folded_pieces(raw: str) -> list[str]:
    pieces = _PIECES.get(raw)
    if pieces is None:
        pieces = _FOLDED_TOKEN.findall(fold(raw))
        if len(_PIECES) < _MAX_CACHED:
            _PIECES[raw] = pieces
    return pieces


def token_pairs(text: str) -> list[tuple[str, str]]:
    """Return ``(token as written, folded token)`` pairs, for callers that match on the folded form but
    need to look at the original spelling. "as written" is normalized but keeps its case.

    Folding very rarely changes a token's shape (compatibility characters such as "½" decompose to
    several characters); the folded form is split again so every folded token is alphanumeric, each
    piece paired with the token it came from.
    """
    return [(raw, piece) for raw in _raw_tokens(text) for piece in _folded_pieces(raw)]


def fold_tokens(text: str) -> list[str]:
    """Return the folded syllable tokens of ``text``: "Hội đồng nhân dân" → ["hoi", "dong", "nhan", "dan"].

    This is the form to index and to query with for accent-insensitive search.
    """
    return [piece for raw in _raw_tokens(text) for piece in _folded_pieces(raw)]


def token_spans(text: str) -> list[tuple[int, int, str]]:
    """Return ``(start, end, folded token)`` for each token of ``text``, with offsets into ``text``
    itself, for callers that mark words in the original (search snippets).

    ``text`` is not normalized here, because normalizing could move the offsets: pass text that went
    through :func:`~vntext.normalize.normalize` already. A token that folds to several pieces (rare,
    see :func:`token_pairs`) gives one span per piece, all with the token's offsets.
    """
    return [
        (match.start(), match.end(), piece)
        for match in _TOKEN.finditer(text)
        for piece in _folded_pieces(match.group())
    ]
