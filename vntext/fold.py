"""Accent-, case- and đ-insensitive form of text, for search keys, slugs and lookups.

``fold(text)``: :func:`~vntext.normalize.normalize`, then compatibility-decompose (NFKD), casefold,
and drop every combining mark (the five tones and the vowel marks of ă â ê ô ơ ư), and map
đ/Đ to d. Vietnamese text therefore folds to plain ASCII: "Đặng Đức Quỳnh" → "dang duc quynh".

NFKD rather than NFD also maps compatibility characters to their plain letters, so full-width
"ＵＢＮＤ" and ligatures like "ﬁ" fold to what a reader would type. Letters with no decomposition that
are not đ (ø, ł, other scripts) are kept as they are.
"""

from __future__ import annotations

import re
import unicodedata

from vntext.normalize import normalize

__all__ = ["fold"]

# đ does not decompose in Unicode (its bar is part of the letter), so it needs its own mapping; the
# capital is gone by then because casefold runs first.
_D_BAR = {0x0111: "d"}


def _fold_char(ch: str) -> str:
    # Decompose before casefolding so compatibility characters that decompose to capitals ("ℌ" → "H")
    # are lowercased too, and again after it because casefolding can add a mark ("İ" → "i" + U+0307).
    decomposed = unicodedata.normalize("NFKD", ch)
    decomposed = unicodedata.normalize("NFKD", decomposed.casefold())
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return stripped.translate(_D_BAR)


class _FoldTable(dict[int, str]):
    """Code point → folded string, filled on first sight of each character.

    Decomposition, casefolding and dropping marks all work character by character, so folding a text
    is folding each of its characters; ``str.translate`` then does the work in C. The one thing a
    whole-string NFKD adds is the canonical reordering of runs of combining characters; it can only
    change the result when a combining character that is not a mark (category Mn, dropped) survives,
    and :func:`fold` falls back to the whole-string computation then. The table stops growing at
    ``_MAX_CACHED`` entries so hostile input cannot make it unbounded.
    """

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        if len(self) < _MAX_CACHED:
            self[code] = folded
        return folded


_MAX_CACHED = 20_000
_TABLE = _FoldTable()
# The combining characters that are not in category Mn (spacing marks of Tagalog, Balinese, Sundanese…,
# Hangul tone marks, musical stems), found with
# `[c for c in range(0x110000) if combining(chr(c)) and category(chr(c)) != "Mn"]` (Unicode 15).
_SURVIVING_COMBINING = re.compile(
    "[\u1715\u1734\u1b44\u1baa\u1bf2\u1bf3\u302e\u302f\ua953\ua9c0\U000111c0\U00011235\U0001134d"
    "\U000116b6\U0001193d\U00016ff0\U00016ff1\U0001d165\U0001d166\U0001d16d-\U0001d172]"
)


def fold(text: str) -> str:
    """Return ``text`` without tones, vowel marks, đ and case: "HĐND Thủy" → "hdnd thuy".

    Whitespace and punctuation are kept; callers that need tokens use :func:`vntext.fold_tokens`.
    """
    normalized = normalize(text)
    folded = normalized.translate(_TABLE)
    if _SURVIVING_COMBINING.search(folded):
        return _fold_char(normalized)  # the whole string at once, reordering included
    return folded
