"""Canonical form of Vietnamese text.

Every other function in :mod:`vntext` starts from :func:`normalize`, so two spellings a reader would
call "the same text" compare equal after it. The rules:

1. Zero-width characters (U+200B, U+200C, U+200D, U+FEFF) are removed. They arrive from copy-paste out
   of Word and web pages, are invisible, and silently break search and uniqueness checks.
2. Line endings become LF: CRLF (Windows, and every browser form submission) and a lone CR (old Mac)
   both turn into ``"\\n"``. Converting lone CRs too is what makes ``normalize`` idempotent: replacing
   only CRLF would turn ``"\\r\\r\\n"`` into ``"\\r\\n"``, which a second pass would change again.
3. Unicode NFC. Text typed with a combining-mark keyboard mode or converted from Windows-1258 arrives
   decomposed (``"a" + U+0301``); NFC composes it, whatever order the marks came in.
4. Look-alikes of đ/Đ are unified: U+00D0 (Ð, Latin capital eth) becomes U+0110 (Đ) and U+00F0 (ð)
   becomes U+0111 (đ). Windows-1258 text read as Windows-1252 yields them (both code pages put the
   letter at 0xD0/0xF0), and they look the same on screen; Vietnamese never uses the eth letters.
5. Tone placement in the open syllables *oa*, *oe* and *uy* is unified on the style this project
   publishes: the tone sits on the first vowel — ``hòa, khỏe, thủy, tòa, Ủy``. Text typed with the
   other convention (``hoà, khoẻ, thuỷ, toà, Uỷ``) is rewritten. The rule only applies when the
   syllable ends with that vowel pair and the ``u`` of *uy* is not part of the initial *qu*, because
   there both conventions agree: ``hoàng, hoán, khoét, huýt, quý, quỳnh, khuỷu, ngoài`` are unchanged.

   Naming note: Vietnamese usage often calls ``hoà`` the *new* style (from the Ministry of Education's
   spelling rules of the 1980s) and ``hòa`` the *old* one. Whatever the names, this module converts
   *to* ``hòa``, the form the project publishes.

Other whitespace (tabs, no-break spaces, repeated spaces) is kept: callers decide, and
:func:`clean_line` is the collapsing variant for single-line fields.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["TONE_MARKS", "clean_line", "normalize"]

#: The five Vietnamese tone marks as combining characters, in the order used for collation:
#: huyền (grave), hỏi (hook above), ngã (tilde), sắc (acute), nặng (dot below).
TONE_MARKS: tuple[str, ...] = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")

# Found with regular expressions rather than str.translate: translate looks every character up in a
# dict, which costs more than the whole rest of normalize on a page of Vietnamese text.
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\ufeff]")
_LOOKALIKES = re.compile("[\u00d0\u00f0]")
_LOOKALIKE_TO_D = {"\u00d0": "\u0110", "\u00f0": "\u0111"}
_NEWLINES = re.compile(r"\r\n?")
_WHITESPACE = re.compile(r"\s+")

# The tone rule looks at one run of letters (one syllable) at a time, and can only change a run that
# ends with o/u followed by a toned a/e/y. `normalize` is on the import and indexing path of every
# article, so it searches for those two letters at the end of a run (in C) and looks back for the
# initial only there, instead of calling Python for every word.
_TONED_SECOND_VOWELS = "àảãáạèẻẽéẹỳỷỹýỵÀẢÃÁẠÈẺẼÉẸỲỶỸÝỴ"
_CANDIDATE_PAIR = re.compile(rf"[oOuU][{_TONED_SECOND_VOWELS}](?![^\W\d_])")
_TRAILING_LETTERS = re.compile(r"[^\W\d_]*\Z")
# An initial has at most three letters ("ngh"), so four letters before the pair already say "no".
_INITIAL_WINDOW = 4
# Letters that may form the initial consonant of a syllable whose rhyme is oa/oe/uy. Requiring the
# rest of the run to be consonants keeps the rule off foreign words and run-together syllables.
_INITIAL_CONSONANTS = frozenset("bcdđghklmnpqrstvx")
_MOVABLE_PAIRS = frozenset({("o", "a"), ("o", "e"), ("u", "y")})
_TONE_SET = frozenset(TONE_MARKS)


def _split_tone(ch: str) -> tuple[str, str]:
    """Split one NFC character into (base with vowel marks, tone mark or "")."""
    decomposed = unicodedata.normalize("NFD", ch)
    tone = "".join(c for c in decomposed if c in _TONE_SET)
    base = "".join(c for c in decomposed if c not in _TONE_SET)
    return unicodedata.normalize("NFC", base), tone


def _fix_candidate(match: re.Match[str]) -> str:
    """Rewrite the pair found by _CANDIDATE_PAIR when its whole letter run needs it."""
    start = match.start()
    window = match.string[max(0, start - _INITIAL_WINDOW) : start]
    initial_match = _TRAILING_LETTERS.search(window)
    initial = initial_match.group() if initial_match else ""
    return _fix_tone_placement(initial + match.group())[len(initial) :]


def _fix_tone_placement(word: str) -> str:
    """Move the tone of one whole letter run (rules 5 in the module docstring)."""
    if len(word) < 2:
        return word
    first, first_tone = _split_tone(word[-2])
    second, second_tone = _split_tone(word[-1])
    if first_tone or not second_tone or (first.lower(), second.lower()) not in _MOVABLE_PAIRS:
        return word
    initial = word[:-2].lower()
    if len(initial) > 3 or any(c not in _INITIAL_CONSONANTS for c in initial):
        return word
    if first.lower() == "u" and initial.endswith("q"):
        # In "quý" the u belongs to the initial qu-, so y is the only vowel and carries the tone.
        return word
    moved = unicodedata.normalize("NFC", first + second_tone)
    return word[:-2] + moved + second


def normalize(text: str) -> str:
    """Return the canonical form of ``text`` (rules in the module docstring).

    Idempotent: ``normalize(normalize(x)) == normalize(x)``.
    """
    text = _ZERO_WIDTH.sub("", text)
    text = _NEWLINES.sub("\n", text)
    text = unicodedata.normalize("NFC", text)
    text = _LOOKALIKES.sub(lambda m: _LOOKALIKE_TO_D[m.group()], text)
    return _CANDIDATE_PAIR.sub(_fix_candidate, text)


def clean_line(text: str) -> str:
    """Normalize, collapse every run of whitespace (tabs, newlines, no-break spaces) to one space,
    and strip both ends: the form for single-line fields such as names and titles."""
    return _WHITESPACE.sub(" ", normalize(text)).strip()
