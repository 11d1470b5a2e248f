"""Accent-, case- and đ-insensitive form of text, for search keys, slugs and lookups.

``fold(text)``: :func:`~vntext.normalize.normalize`, then compatibility-decompose (NFKD), casefold,
and drop every combining mark (the five tones and the vowel marks of ă â ê ô ơ ư), and map
đ/Đ to d. Vietnamese text therefore folds to plain ASCII: "Đặng Đức Quỳnh" → "dang duc quynh".

NFKD rather than NFD also maps compatibility characters to their plain letters, so full-width
"ＵＢＮＤ" and ligatures like "ﬁ" fold to what a reader would type. Letters with no decomposition that
are not đ (ø, ł, other scripts) are kept as they are.
"""

from __future__ import annotations

import unicodedata

from vntext.normalize import normalize

__all__ = ["fold"]

# đ does not decompose in Unicode (its bar is part of the letter), so it needs its own mapping; the
# capital is gone by then because casefold runs first.
_D_BAR = {0x0111: "d"}


def fold(text: str) -> str:
    """Return ``text`` without tones, vowel marks, đ and case: "HĐND Thủy" → "hdnd thuy".

    Whitespace and punctuation are kept; callers that need tokens use :func:`vntext.fold_tokens`.
    """
    # Decompose before casefolding so compatibility characters that decompose to capitals ("ℌ" → "H")
    # are lowercased too, and again after it because casefolding can add a mark ("İ" → "i" + U+0307).
    decomposed = unicodedata.normalize("NFKD", normalize(text))
    decomposed = unicodedata.normalize("NFKD", decomposed.casefold())
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return stripped.translate(_D_BAR)
