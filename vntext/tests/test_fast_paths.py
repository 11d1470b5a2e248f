"""The fast implementations give exactly what the plain definitions in the module docstrings give.

`normalize`, `fold` and the token functions run on every article imported and indexed, so they take
shortcuts (a per-character fold table, a search for candidate syllables instead of visiting every
word, a cache of folded tokens). The reference functions below are the definitions written the
slow, obvious way; the tests compare both on real text and on random strings.
"""

import random
import re
import unicodedata

import pytest

from vntext import fold, fold_tokens, normalize
from vntext.normalize import _fix_tone_placement
from vntext.tests.vietnamese import SAMPLE_TEXTS


def reference_normalize(text: str) -> str:
    for ch in ("\u200b", "\u200c", "\u200d", "\ufeff"):
        text = text.replace(ch, "")
    text = re.sub(r"\r\n?", "\n", text)
    text = unicodedata.normalize("NFC", text).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    return re.sub(r"[^\W\d_]+", lambda m: _fix_tone_placement(m.group()), text)


def reference_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", reference_normalize(text))
    decomposed = unicodedata.normalize("NFKD", decomposed.casefold())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").replace("\u0111", "d")


def reference_fold_tokens(text: str) -> list[str]:
    tokens = re.findall(r"[^\W_](?:[^\W_]|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])*", text)
    return [piece for token in tokens for piece in re.findall(r"[^\W_]+", reference_fold(token))]


EXOTIC = [
    "ℌİΣ½² ﬁ ㈠ Ⓐ",
    "ᾑ\u1715 ỳo",  # a Tagalog spacing mark after a Greek letter: canonical reordering matters
    "Ð\u00f0 x\u0323\u0301 hoa\u0300 THUY\u0309",
    "\ufeffHà\u200b Nội\r\n\rquý khoẻ",
]


@pytest.mark.parametrize("text", [*SAMPLE_TEXTS, *EXOTIC])
def test_fast_paths_match_the_definitions(text: str) -> None:
    decomposed = unicodedata.normalize("NFD", text)
    for value in (text, decomposed):
        assert normalize(value) == reference_normalize(value)
        assert fold(value) == reference_fold(value)
        assert fold_tokens(value) == reference_fold_tokens(normalize(value))


def test_fast_paths_match_the_definitions_on_random_text() -> None:
    rng = random.Random(6)
    alphabet = "".join(SAMPLE_TEXTS) + "".join(EXOTIC) + "oaOAuyUYàáảãạèéẻẽẹỳýỷỹỵ\u0300\u0301\u0323 -"
    alphabet += "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(500))
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
        assert normalize(text) == reference_normalize(text), text
        assert fold(text) == reference_fold(text), text
        assert fold_tokens(text) == reference_fold_tokens(normalize(text)), text
