"""Queries typed with the Vietnamese input method switched off: Telex and VNI keystrokes back to text.

Pure Python, no Django (like the `vntext` package it sits beside; it can move there unchanged).

A reader whose input method is off types the keystrokes themselves: Telex "thanhf" for "thành",
"ddaij hooij" for "đại hội", VNI "Tha2nh Tri2" for "Thành Trì". Each word is replayed as an input
method would (Unikey's rules, including marks typed after the final consonant: "thanhf",
"truongwf"), and the result is kept only when it is one well-formed Vietnamese syllable (onset,
vowel nucleus, final consonant, and the rule that -c, -ch, -p, -t take only the sắc or nặng tone).

Telex: ``aa ee oo`` → â ê ô, ``aw ow uw`` → ă ơ ư (``uow`` → ươ, a lone ``w`` → ư), ``dd`` → đ;
tones ``s f r x j`` (sắc, huyền, hỏi, ngã, nặng), ``z`` removes the tone.
VNI: ``1 2 3 4 5`` tones, ``6`` circumflex, ``7`` horn, ``8`` breve, ``9`` đ, ``0`` removes the tone.

Ambiguity. Some words are at once a word as typed and valid keystrokes: "boong" (a ship's deck) is
Telex for "bông", "bus" for "bú", "A4" VNI for "Ã". `recover` keeps such a word both ways whenever
the caller says the typed form is known (the search passes its index vocabulary) or the typed form
is itself a well-formed syllable, and offers every combination as a variant, the converted reading
first.

Note on tones: Telex ``s`` is sắc, ``f`` huyền — "thanhf tris" is "thành trí" (the place Thanh Trì
is "thanh trif"). A search folds tones anyway, so both find Thanh Trì.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Recovery", "convert_word", "is_syllable", "recover"]

_VOWELS = set("aăâeêioôơuưy")
_CIRCUMFLEX = {"a": "â", "e": "ê", "o": "ô"}
_TONE_MARK = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323"}
_VNI_TONE = {"1": "s", "2": "f", "3": "r", "4": "x", "5": "j"}

_ONSETS = sorted(
    [
        "b",
        "c",
        "ch",
        "d",
        "đ",
        "g",
        "gh",
        "gi",
        "h",
        "k",
        "kh",
        "l",
        "m",
        "n",
        "ng",
        "ngh",
        "nh",
        "p",
        "ph",
        "qu",
        "r",
        "s",
        "t",
        "th",
        "tr",
        "v",
        "x",
    ],
    key=len,
    reverse=True,
)
_CODAS = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"}
# Vowel nuclei (with their semivowel glides), without tone; those marked "+" need a final consonant.
_NUCLEI = {
    **dict.fromkeys(["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"], False),
    **dict.fromkeys(
        [
            "ai",
            "ao",
            "au",
            "ay",
            "âu",
            "ây",
            "eo",
            "êu",
            "ia",
            "iu",
            "oa",
            "oe",
            "oi",
            "ôi",
            "ơi",
            "ua",
            "uê",
            "ui",
            "uơ",
            "uy",
            "ưa",
            "ưi",
            "ưu",
        ],
        False,
    ),
    **dict.fromkeys(["iê", "oă", "oo", "ôô", "uâ", "uô", "ươ", "yê"], True),
    **dict.fromkeys(["iêu", "yêu", "oai", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyu"], False),
    **dict.fromkeys(["uyê"], True),
}
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class _Syllable:
    onset: str
    nucleus: str
    coda: str


def _parse(word: str) -> _Syllable | None:
    """Split a lowercase, toneless word into onset, nucleus and coda; None if it is not a syllable."""
    onset = next((o for o in _ONSETS if word.startswith(o)), "")
    rest = word[len(onset) :]
    if onset == "gi" and (not rest or rest[0] not in _VOWELS):
        onset, rest = "g", word[1:]  # "gì", "gìn": the i is the vowel
    if onset in ("c", "k") and rest[:1] and (onset == "k") != (rest[0] in "eêiy"):
        return None  # c before a, o, u; k before e, ê, i, y
    index = 0
    while index < len(rest) and rest[index] in _VOWELS:
        index += 1
    nucleus, coda = rest[:index], rest[index:]
    if nucleus not in _NUCLEI or coda not in _CODAS:
        return None
    if _NUCLEI[nucleus] and not coda:
        return None
    if coda and len(nucleus) > 1 and nucleus[-1] in "iyou" and nucleus not in ("oo", "uô", "uy"):
        return None  # a glide ends the syllable: "ain", "aon" are not Vietnamese ("huynh" is)
    return _Syllable(onset, nucleus, coda)


def is_syllable(word: str) -> bool:
    """True when `word` (any case, with or without marks) is one well-formed Vietnamese syllable."""
    base, tone = _strip_tone(unicodedata.normalize("NFC", word.lower()))
    syllable = _parse(base)
    return syllable is not None and _tone_allowed(syllable, tone)


def _strip_tone(word: str) -> tuple[str, str | None]:
    tone = None
    chars = []
    for ch in word:
        decomposed = unicodedata.normalize("NFD", ch)
        for key, mark in _TONE_MARK.items():
            if mark in decomposed:
                tone = key
                decomposed = decomposed.replace(mark, "")
        chars.append(unicodedata.normalize("NFC", decomposed))
    return "".join(chars), tone


def _tone_allowed(syllable: _Syllable, tone: str | None) -> bool:
    return syllable.coda not in ("c", "ch", "p", "t") or tone in ("s", "j")


def _tone_position(syllable: _Syllable) -> int:
    """Index in the nucleus of the vowel that carries the tone (the project's style: "hòa", "thủy")."""
    nucleus = syllable.nucleus
    if "ươ" in nucleus:
        return nucleus.index("ươ") + 1
    marked = [i for i, ch in enumerate(nucleus) if ch in "ăâêôơư"]
    if marked:
        return marked[-1]
    if len(nucleus) == 1:
        return 0
    if len(nucleus) == 3:
        return 1
    return 1 if syllable.coda else 0


def _with_tone(syllable: _Syllable, tone: str | None) -> str:
    nucleus = syllable.nucleus
    if tone:
        at = _tone_position(syllable)
        nucleus = nucleus[:at] + unicodedata.normalize("NFC", nucleus[at] + _TONE_MARK[tone]) + nucleus[at + 1 :]
    return syllable.onset + nucleus + syllable.coda


def _cluster(out: list[str]) -> tuple[int, int] | None:
    """(start, end) of the last run of vowels in `out`, if only consonants follow it."""
    end = len(out)
    while end > 0 and out[end - 1] not in _VOWELS:
        end -= 1
    if end == 0:
        return None
    start = end
    while start > 0 and out[start - 1] in _VOWELS:
        start -= 1
    return start, end


def _horn(out: list[str], span: tuple[int, int]) -> bool:
    """Telex w / VNI 7: ươ, ơ or ư on the last vowels (ă for a lone a in Telex is the caller's)."""
    start, end = span
    text = "".join(out[start:end])
    if "uo" in text:
        at = start + text.index("uo")
        out[at], out[at + 1] = "ư", "ơ"
        return True
    for target, marked in (("o", "ơ"), ("u", "ư")):
        if target in text:
            out[start + text.rindex(target)] = marked
            return True
    return False


def _replay(word: str) -> tuple[str, str | None] | None:
    """Replay the keystrokes of a lowercase `word`: (letters, tone key), or None when no key was a
    Telex or VNI key (nothing to convert)."""
    vni = any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word)
    out: list[str] = []
    tone: str | None = None
    used = False
    for ch in word:
        span = _cluster(out)
        if vni and ch.isdigit():
            if ch in _VNI_TONE and span:
                tone, used = _VNI_TONE[ch], True
            elif ch == "0" and tone:
                tone, used = None, True
            elif ch == "6" and span and any(out[i] in _CIRCUMFLEX for i in range(*span)):
                at = max(i for i in range(*span) if out[i] in _CIRCUMFLEX)
                out[at], used = _CIRCUMFLEX[out[at]], True
            elif ch == "7" and span and _horn(out, span):
                used = True
            elif ch == "8" and span and "a" in out[span[0] : span[1]]:
                out[span[0] + out[span[0] : span[1]].index("a")], used = "ă", True
            elif ch == "9" and "d" in out:
                out[out.index("d")], used = "đ", True
            else:
                return None  # a digit that is no key here: a number, a code ("covid19")
            continue
        if vni:
            out.append(ch)
            continue
        if ch == "d" and out == ["d"]:
            out[0], used = "đ", True
        elif ch in _CIRCUMFLEX and span and ch in out[span[0] : span[1]]:
            # "aa", "oo", and also later in the word: "toio" → "tôi", "caan" / "cana" → "cân".
            at = span[0] + "".join(out[span[0] : span[1]]).rindex(ch)
            out[at], used = _CIRCUMFLEX[ch], True
        elif ch == "w":
            if span is None:
                out.append("ư")
            elif not _horn(out, span):
                text = "".join(out[span[0] : span[1]])
                if "a" not in text:
                    return None
                out[span[0] + text.index("a")] = "ă"
            used = True
        elif ch in _TONE_MARK and span:
            if tone == ch:
                return None  # "ss": the key pressed twice writes the letter; not a syllable anyway
            tone, used = ch, True
        elif ch == "z" and span and tone:
            tone, used = None, True
        else:
            out.append(ch)
    if not used:
        return None
    return "".join(out), tone


def _recase(converted: str, typed: str) -> str:
    if len(typed) > 1 and typed.isupper():
        return converted.upper()
    if typed[:1].isupper():
        return converted[:1].upper() + converted[1:]
    return converted


def convert_word(word: str) -> str | None:
    """The Vietnamese syllable that `word`'s Telex or VNI keystrokes type, or None when they type
    none (or `word` holds no key): "thanhf" → "thành", "ddaij" → "đại", "Tha2nh" → "Thành"."""
    replayed = _replay(unicodedata.normalize("NFC", word).lower())
    if replayed is None:
        return None
    letters, tone = replayed
    syllable = _parse(letters)
    if syllable is None or not _tone_allowed(syllable, tone):
        return None
    return _recase(_with_tone(syllable, tone), word)


@dataclass(frozen=True)
class Recovery:
    """What a query's keystrokes may have meant: `text`, the reading with every word converted, and
    `variants`, every combination of the ambiguous words' readings (converted first, at most
    `limit`)."""

    text: str
    variants: tuple[str, ...]
    converted: tuple[str, ...]


def recover(query: str, *, known: Callable[[str], bool] | None = None, limit: int = 8) -> Recovery | None:
    """Read `query` as Telex or VNI typed without an input method; None when no word converts.

    A converted word is also kept as typed when `known(word)` says the typed form is a real word (the
    search asks its vocabulary) or it is already a Vietnamese syllable ("boong" → "bông" and "boong").
    """
    pieces: list[str] = []  # separators and words, alternating, the text rebuilt from them
    choices: list[list[str]] = []
    converted: list[str] = []
    position = 0
    for match in _WORD.finditer(query):
        pieces.append(query[position : match.start()])
        typed = match.group()
        reading = convert_word(typed)
        if reading is None:
            options = [typed]
        else:
            converted.append(typed)
            keep = is_syllable(typed) or (known is not None and known(typed))
            options = [reading, typed] if keep else [reading]
        choices.append(options)
        pieces.append("")  # the word's slot
        position = match.end()
    tail = query[position:]
    if not converted:
        return None

    def build(words: tuple[str, ...]) -> str:
        text, slots = [], iter(words)
        for index, piece in enumerate(pieces):
            text.append(piece if index % 2 == 0 else next(slots))
        return ("".join(text) + tail).strip()

    variants = [build(words) for words in itertools.islice(itertools.product(*choices), limit)]
    return Recovery(text=variants[0], variants=tuple(dict.fromkeys(variants)), converted=tuple(converted))
