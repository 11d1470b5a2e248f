"""Abbreviations of Vietnamese public life, and their use in search.

Vietnamese newspapers write "UBND", "HĐND", "KT-XH" as often as the full forms, and readers search with
either. :data:`ABBREVIATIONS` maps each abbreviation, as it is written, to its full form; only
well-established ones are listed. Matching is done on folded tokens (see :func:`vntext.fold_tokens`),
so it ignores case, tones, đ and the punctuation inside an abbreviation: "HĐND", "hdnd" and "Hdnd" are
the same, and so are "KT-XH", "kt-xh", "KT XH" and "KTXH".

One abbreviation folds to an ordinary syllable: "TƯ" (Trung ương) folds to "tu", like "tư", "từ" and
"tự". :func:`query_variants` therefore recognises such an abbreviation only when it is written exactly
as listed (upper case, with its marks), and never offers it as a replacement.

Some abbreviations have other meanings in other contexts ("TBT" is also "Tổng Bí thư", "BTV" is also
"biên tập viên"); the table gives the meaning used by this project, and a search variant built from
the wrong meaning costs only an extra, unmatched alternative.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vntext.normalize import normalize
from vntext.tokens import fold_tokens, token_pairs

__all__ = ["ABBREVIATIONS", "abbreviation_for", "expansion_for", "query_variants"]

#: Abbreviation as written → full form as written mid-sentence (proper names keep their capitals).
#: When several abbreviations share a full form, the first one listed is the preferred one.
ABBREVIATIONS: dict[str, str] = {
    # Party, State and mass organisations.
    "TW": "Trung ương",
    "TƯ": "Trung ương",
    "BCH": "Ban Chấp hành",
    "BTV": "Ban Thường vụ",
    "BTG": "Ban Tuyên giáo",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "ĐBQH": "đại biểu Quốc hội",
    "LĐLĐ": "Liên đoàn Lao động",
    "CNVCLĐ": "công nhân, viên chức, lao động",
    "CCB": "cựu chiến binh",
    "HTX": "hợp tác xã",
    "CAND": "Công an nhân dân",
    "QĐND": "Quân đội nhân dân",
    # Places.
    "TP": "thành phố",
    "TP.HCM": "Thành phố Hồ Chí Minh",
    # Press.
    "TBT": "Tổng Biên tập",
    # Fields of work and policy.
    "KT-XH": "kinh tế - xã hội",
    "QP-AN": "quốc phòng - an ninh",
    "ANTT": "an ninh trật tự",
    "TTATGT": "trật tự an toàn giao thông",
    "CCHC": "cải cách hành chính",
    "NTM": "nông thôn mới",
    "BHXH": "bảo hiểm xã hội",
    "BHYT": "bảo hiểm y tế",
    "THPT": "trung học phổ thông",
    "THCS": "trung học cơ sở",
    "CNTT": "công nghệ thông tin",
    "VH-TT": "văn hóa - thông tin",
    "VH-TT&DL": "văn hóa, thể thao và du lịch",
    "TN&MT": "tài nguyên và môi trường",
    "GD&ĐT": "giáo dục và đào tạo",
    "KH&CN": "khoa học và công nghệ",
    "LĐ-TB&XH": "lao động - thương binh và xã hội",
}

# The shape of one Vietnamese syllable in folded form: optional initial, one to three vowels, optional
# final. An abbreviation that fits it ("tu") cannot be told from a word once folded.
_INITIAL = r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnpqrstvx])?"
_SYLLABLE = re.compile(_INITIAL + r"[aeiouy]{1,3}(?:ng|nh|ch|[cmnptiouy])?")


@dataclass(frozen=True)
class _Abbreviation:
    written: str
    written_tokens: tuple[str, ...]  # tokens keeping case and marks: ("KT", "XH")
    tokens: tuple[str, ...]  # folded tokens: ("kt", "xh")
    key: str  # folded tokens run together: "ktxh"
    full: str
    full_tokens: tuple[str, ...]
    syllable_like: bool

    @property
    def search_forms(self) -> tuple[str, ...]:
        """Folded strings under which a document may contain this abbreviation."""
        spaced = " ".join(self.tokens)
        return (spaced,) if spaced == self.key else (spaced, self.key)


def _build(table: dict[str, str]) -> list[_Abbreviation]:
    entries: list[_Abbreviation] = []
    for written, full in table.items():
        pairs = token_pairs(written)
        tokens = tuple(folded for _, folded in pairs)
        key = "".join(tokens)
        entries.append(
            _Abbreviation(
                written=normalize(written),
                written_tokens=tuple(raw for raw, _ in pairs),
                tokens=tokens,
                key=key,
                full=full,
                full_tokens=tuple(fold_tokens(full)),
                syllable_like=_SYLLABLE.fullmatch(key) is not None,
            )
        )
    return entries


_ENTRIES = _build(ABBREVIATIONS)
_BY_KEY: dict[str, _Abbreviation] = {}
_BY_FULL: dict[tuple[str, ...], list[_Abbreviation]] = {}
for _entry in _ENTRIES:
    _BY_KEY.setdefault(_entry.key, _entry)
    _BY_FULL.setdefault(_entry.full_tokens, []).append(_entry)
del _entry


def expansion_for(abbreviation: str) -> str | None:
    """Return the full form of ``abbreviation``, or None if it is not known.

    Insensitive to case, tones, đ and inner punctuation: "HĐND", "hdnd", "kt-xh" and "KTXH" all work.
    """
    entry = _BY_KEY.get("".join(fold_tokens(abbreviation)))
    return entry.full if entry else None


def abbreviation_for(phrase: str) -> str | None:
    """Return the preferred abbreviation of the full form ``phrase`` as written ("HĐND"), or None.

    Insensitive to case, tones, đ and punctuation: "hoi dong nhan dan" → "HĐND".
    """
    entries = _BY_FULL.get(tuple(fold_tokens(phrase)))
    return entries[0].written if entries else None


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    replacements: tuple[str, ...]


def _matches(raw: list[str], folded: list[str]) -> list[_Match]:
    """Every abbreviation and full form found in the folded tokens, overlapping ones included."""
    found: list[_Match] = []
    for start in range(len(folded)):
        for entry in _ENTRIES:
            end = start + len(entry.tokens)
            if tuple(folded[start:end]) == entry.tokens:
                if not entry.syllable_like or tuple(raw[start:end]) == entry.written_tokens:
                    found.append(_Match(start, end, (" ".join(entry.full_tokens),)))
            elif len(entry.tokens) > 1 and not entry.syllable_like and folded[start] == entry.key:
                found.append(_Match(start, start + 1, (" ".join(entry.full_tokens),)))
        for full_tokens, entries in _BY_FULL.items():
            end = start + len(full_tokens)
            if tuple(folded[start:end]) == full_tokens:
                forms = tuple(form for e in entries if not e.syllable_like for form in e.search_forms)
                if forms:
                    found.append(_Match(start, end, forms))
    # Longest first at each position, so the greedy pass below prefers "TP.HCM" to "TP".
    found.sort(key=lambda m: (m.start, -m.end))
    return found


def query_variants(query: str) -> list[str]:
    """Return search variants of ``query``, all folded (see :func:`vntext.fold`) with tokens joined
    by single spaces.

    The first item is the folded query itself. Then, for every abbreviation or full form found, one
    variant with just that occurrence swapped (an abbreviation for its full form, a full form for each
    way its abbreviation may be written: "kt xh" and "ktxh"). Last, if several non-overlapping
    occurrences were found, one variant with all of them swapped (leftmost, longest first). Duplicates
    are dropped, order is kept. A query with no tokens gives an empty list.

    >>> query_variants("UBND huyện Thanh Trì")
    ['ubnd huyen thanh tri', 'uy ban nhan dan huyen thanh tri']
    """
    pairs = token_pairs(query)
    if not pairs:
        return []
    raw = [r for r, _ in pairs]
    folded = [f for _, f in pairs]
    variants = [" ".join(folded)]
    matches = _matches(raw, folded)
    for match in matches:
        for replacement in match.replacements:
            variants.append(" ".join([*folded[: match.start], replacement, *folded[match.end :]]))
    chosen: list[_Match] = []
    for match in matches:
        if not chosen or match.start >= chosen[-1].end:
            chosen.append(match)
    if len(chosen) > 1:
        parts: list[str] = []
        position = 0
        for match in chosen:
            parts.extend(folded[position : match.start])
            parts.append(match.replacements[0])
            position = match.end
        parts.extend(folded[position:])
        variants.append(" ".join(parts))
    return list(dict.fromkeys(variants))
