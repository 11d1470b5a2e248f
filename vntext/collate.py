"""Vietnamese sort order.

``sorted(names, key=collation_key)`` orders strings the way the Vietnamese collation of CLDR (used by
ICU, hence by PostgreSQL's ``vi-x-icu`` collation) does, in three levels compared one after the other
over the whole string:

1. **Letters.** The alphabet order is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, so
   ă, â, đ, ê, ô, ơ and ư are letters in their own right, not accented variants. f, j, w and z, used in
   foreign names, take their Latin places. Digits sort before letters, one digit at a time ("10" <
   "9"). Any run of spaces and punctuation counts as one separator that sorts before every letter, so
   comparison goes word by word: "An Bình" < "Anh" because the separator after "An" precedes "h",
   and a prefix comes first: "Nguyễn Văn An" < "Nguyễn Văn Anh". Leading and trailing separators are
   ignored. Other letters (ø, ß, other scripts) follow z, in code point order.
2. **Tones**, only if the letters are equal everywhere: ngang (none) < huyền (`) < hỏi (?) < ngã (~) <
   sắc (´) < nặng (.), compared from the first syllable on: ma < mà < mả < mã < má < mạ. Marks that
   Vietnamese does not use (ü, ç…) count at this level too, after the tones.
3. **Case**, only if letters and tones are equal: lowercase before uppercase ("an" < "An").

A last level, the normalized text itself, makes the order total so sorting is deterministic.

Printed dictionaries differ on one point: they compare syllable by syllable, settling the tone of the
first syllable before looking at the second ("mã lực" < "má"); here, as in CLDR, "má" < "mã lực"
because letters are compared over the whole string first. The CLDR order is used so that sorting in
Python agrees with ``ORDER BY`` under an ICU Vietnamese collation.
"""

from __future__ import annotations

import re
import unicodedata

from vntext.normalize import TONE_MARKS, clean_line
from vntext.tokens import COMBINING_MARKS

__all__ = ["CollationKey", "collation_key", "sort_key_person_name"]

#: (letters, tones and other marks, case, normalized text) — compare as a tuple.
CollationKey = tuple[tuple[int, ...], tuple[tuple[int, ...], ...], tuple[int, ...], str]

_ALPHABET = "0123456789aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Primary weights: 0 is the separator, then digits and letters in the order above, then any other
# letter by code point after all of them.
_PRIMARY = {letter: index + 1 for index, letter in enumerate(_ALPHABET)}
_OTHER_LETTER_BASE = len(_ALPHABET) + 1
_SEPARATOR = 0
_TONE_WEIGHT = {mark: index + 1 for index, mark in enumerate(TONE_MARKS)}
# The vowel marks make new letters (a + breve = ă); they are recombined before the primary lookup.
_VOWEL_MARKS = frozenset({"\u0306", "\u0302", "\u031b"})
# One letter or digit with the combining marks NFC could not fold into it.
_CLUSTER = re.compile(rf"[^\W_][{COMBINING_MARKS}]*")


def _char_weights(ch: str) -> tuple[int, tuple[int, ...], int]:
    """Return (primary, secondary, tertiary) weights of one letter or digit with its marks."""
    lower = ch.lower()
    case = 1 if lower != ch else 0
    decomposed = unicodedata.normalize("NFD", lower)
    base, marks = decomposed[0], decomposed[1:]
    letter = unicodedata.normalize("NFC", base + "".join(c for c in marks if c in _VOWEL_MARKS))
    if letter in _PRIMARY:
        letter_marks = _VOWEL_MARKS
    else:
        # Not a Vietnamese letter (ŝ, ü…): sort on the bare base letter and keep every mark for level 2.
        letter, letter_marks = base, frozenset[str]()
    primary = _PRIMARY.get(letter, _OTHER_LETTER_BASE + ord(letter))
    tone = 0
    others: list[int] = []
    for mark in marks:
        if mark in _TONE_WEIGHT:
            tone = _TONE_WEIGHT[mark]
        elif mark not in letter_marks:
            others.append(ord(mark))
    return primary, (tone, *others), case


def collation_key(text: str) -> CollationKey:
    """Return a sort key implementing the Vietnamese order described in the module docstring.

    Works with any input form: the text is normalized (NFC, tone placement) first, so "hoà" and "hòa",
    or composed and decomposed spellings, get the same key.
    """
    normalized = clean_line(text)
    primary: list[int] = []
    secondary: list[tuple[int, ...]] = []
    tertiary: list[int] = []
    end_of_previous = 0
    for match in _CLUSTER.finditer(normalized):
        if primary and match.start() > end_of_previous:
            primary.append(_SEPARATOR)
            secondary.append((0,))
            tertiary.append(0)
        end_of_previous = match.end()
        p, s, t = _char_weights(match.group())
        primary.append(p)
        secondary.append(s)
        tertiary.append(t)
    return tuple(primary), tuple(secondary), tuple(tertiary), normalized


def sort_key_person_name(full_name: str) -> tuple[CollationKey, CollationKey]:
    """Sort key for Vietnamese personal names: given name (the last word) first, then the full name.

    Vietnamese lists of people are ordered by given name, then by family and middle names, so
    "Trần Văn An" comes before "Lê Thị Bình" and "Lê Văn An" before "Trần Văn An".
    """
    words = clean_line(full_name).split(" ")
    return collation_key(words[-1]), collation_key(full_name)
