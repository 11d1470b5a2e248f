"""How similar two pieces of Vietnamese text are, for grouping tips into claims.

The score is a TF-IDF cosine over folded syllables and syllable bigrams, and every step can be
explained to an editor:

1. Links are removed (they are compared separately, as exact addresses), the rest is folded by
   vntext (no tones, no đ, lower case) and split into syllables: "Chủ tịch xã" → chu, tich, xa.
2. Function syllables and the words readers use to ask ("có thật không", "mọi người ơi") are
   dropped; they say nothing about which rumour it is.
3. Features are the syllables and the pairs of neighbouring syllables ("chu tich", "tich xa"):
   a bigram keeps a little of the word order that a bag of syllables loses.
4. Each feature weighs (1 + log tf) × idf, idf learned from a background corpus (the labelled
   claims shipped in data/claim_pairs.jsonl): a syllable that every rumour uses ("phat", "tien")
   weighs little, a place or a person's name a lot. A feature never seen weighs the most.
5. The score is the cosine of the two weight vectors: 0 (nothing in common) to 1 (the same).
6. Auto-attaching also needs the two texts not to contradict each other: when each names a place,
   person or organisation the other does not, or each has a number the other does not ("xã An
   Khánh" vs "phường Bình Minh", "30/11" vs "15/12"), they are the same template about different
   things, and an editor decides. A forward that only adds or drops words is not a contradiction.

No Django import here: `bench/claim_matching.py` runs it on its own. Word segmentation (pyvi,
underthesea) was left out: bigrams capture most two-syllable words, and it would add a model to
install for a gain the labelled set does not show.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from vntext import fold, fold_tokens, normalize

DATA_DIR = Path(__file__).resolve().parent / "data"
PAIRS_FILE = DATA_DIR / "claim_pairs.jsonl"
THRESHOLDS_FILE = DATA_DIR / "matching.json"

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)

# Folded. Grammar words, pronouns, and the phrases readers wrap a rumour in ("có thật không",
# "mọi người ơi", "trên facebook"). "khong" is here because a rumour and its denial are the same
# claim. Folding merges syllables ("thẻ"/"thế" → "the", "hộ"/"họ" → "ho", "đê"/"để" → "de"), so a
# folded syllable that can carry meaning in a rumour is left out even when its commoner reading is
# a function word; idf weighs those down instead.
STOPWORDS = frozenset(
    """
    a ai anh ba bai biet bon cac cai co con cua da deu di duoc em giup gi ha hay khi khong kia la
    lai lam len ma minh moi mot nay neu nghe ngay nhe nhieu nhu nhung noi nua o oi phai qua ra rang
    roi sao se share that toi trong tren tu va vao vay vi voi xem ak ah nha u ui ko k dc vs facebook
    zalo tiktok group nhom clip viet lan truyen chia kiem chung
    """.split()  # noqa: SIM905 — a word list reads better as text
)


def _features(text: str) -> Counter[str]:
    tokens = [t for t in fold_tokens(_URL.sub(" ", text)) if t not in STOPWORDS]
    counts: Counter[str] = Counter(tokens)
    counts.update(f"{a}_{b}" for a, b in pairwise(tokens))
    return counts


_MARK = re.compile(r"[^\W_]+|[.!?:;\n()\"“”]")


def _names_and_numbers(text: str) -> tuple[set[str], set[str]]:
    """Folded capitalised words that do not start a sentence (names, acronyms), and numbers."""
    names: set[str] = set()
    numbers: set[str] = set()
    sentence_start = True
    for match in _MARK.finditer(normalize(_URL.sub(" ", text))):
        word = match.group()
        if not word[0].isalnum():
            sentence_start = True
            continue
        if word.isdigit():
            numbers.add(word.lstrip("0") or "0")
        elif word[0].isupper() and not sentence_start and fold(word) not in STOPWORDS:
            names.add(fold(word))
        sentence_start = False
    return names, numbers


def contradicts(a: str, b: str) -> bool:
    """True when each text has a name, or each has a number, that the other lacks."""
    names_a, numbers_a = _names_and_numbers(a)
    names_b, numbers_b = _names_and_numbers(b)
    return bool(names_a - names_b and names_b - names_a) or bool(numbers_a - numbers_b and numbers_b - numbers_a)


def normalize_url(url: str) -> str:
    """A link reduced to what identifies the post: host without www, path without trailing slash,
    query kept (many platforms put the post id there). Bare home pages give "" (they identify nothing)."""
    url = (url or "").strip()
    if not url:
        return ""
    if "://" not in url:
        url = "https://" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    path = parts.path.rstrip("/")
    if not host or (not path and not parts.query):
        return ""
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


@dataclass
class Matcher:
    """TF-IDF cosine with document frequencies from a background corpus."""

    documents: int = 0
    df: Counter[str] = field(default_factory=Counter)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Matcher:
        matcher = cls()
        for text in texts:
            matcher.documents += 1
            matcher.df.update(set(_features(text)))
        return matcher

    def idf(self, feature: str) -> float:
        return math.log((self.documents + 1) / (self.df.get(feature, 0) + 1)) + 1.0

    def vector(self, text: str) -> dict[str, float]:
        counts = _features(text)
        weights = {f: (1.0 + math.log(n)) * self.idf(f) for f, n in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {f: w / norm for f, w in weights.items()} if norm else {}

    @staticmethod
    def cosine(a: dict[str, float], b: dict[str, float]) -> float:
        if len(a) > len(b):
            a, b = b, a
        return sum(w * b.get(f, 0.0) for f, w in a.items())

    def score(self, a: str, b: str) -> float:
        return self.cosine(self.vector(a), self.vector(b))

    def best(self, text: str, candidates: Iterable[tuple[Any, Sequence[str]]]) -> list[Match]:
        """Each candidate (key, its texts) scored by its most similar text; best first."""
        query = self.vector(text)
        matches = []
        for key, texts in candidates:
            scored = [(self.cosine(query, self.vector(t)), t) for t in texts if t]
            if scored:
                score, closest = max(scored, key=lambda item: item[0])
                matches.append(Match(key=key, score=score, closest=closest, contradicts=contradicts(text, closest)))
        matches.sort(key=lambda m: m.score, reverse=True)
        return matches


@dataclass(frozen=True)
class Match:
    key: Any
    score: float
    closest: str
    contradicts: bool

    def attaches(self, auto_threshold: float) -> bool:
        return self.score >= auto_threshold and not self.contradicts


def load_pairs(path: Path = PAIRS_FILE) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def pair_texts(pairs: Iterable[dict[str, object]]) -> list[str]:
    """Each distinct text of the pairs once (a text that appears in many pairs counts once in df)."""
    seen: dict[str, None] = {}
    for pair in pairs:
        seen.setdefault(str(pair["a"]), None)
        seen.setdefault(str(pair["b"]), None)
    return list(seen)


@lru_cache(maxsize=1)
def default_matcher() -> Matcher:
    """The matcher the application uses: idf from the shipped labelled corpus."""
    return Matcher.from_texts(pair_texts(load_pairs()))


@lru_cache(maxsize=1)
def measured_thresholds() -> dict[str, float]:
    """The thresholds `bench/claim_matching.py --write` chose (settings may override them)."""
    data = json.loads(THRESHOLDS_FILE.read_text(encoding="utf-8"))
    return {"suggest": float(data["suggest"]), "auto": float(data["auto"])}
