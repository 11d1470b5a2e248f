"""Highlighted snippets: a short passage of the original text with what the reader looked for in <mark>.

What is marked, in order of preference:

1. occurrences of a whole query variant, adjacent and in order ("HĐND huyện" also finds "Hội đồng
   nhân dân huyện"), compared folded so "Dang Duc Quynh" marks "Đặng Đức Quỳnh";
2. otherwise each word of the query as typed (not the words of its expansions, so "HĐND" never
   marks every "dân" in the text);

and when the query carries marks, occurrences written with exactly those marks win over folded ones
("hòa" marks "hòa", not "hóa"), unless there are none. The passage is the window of about
`WINDOW_TOKENS` words holding the most occurrences; the start of the text when nothing occurs in it
(a title-only match).

Every character of the text is HTML-escaped; the only markup in the result is the <mark> elements
added here.

Snippets are built for every result on every page, so they must cost little. Occurrences are found
by plain string search in the row's folded text (``text_f``, the same tokens as the text,
space-separated), which gives token numbers; the text itself is never split into words as a whole.
Only the tokens the passage needs (the occurrences and the window) are located in it, by a regular
expression that steps over many tokens at once (`_Located`). That is exact when each token of the
text folds to exactly one token of ``text_f``, which holds for every character in Vietnamese text;
a text with a character that folds otherwise ("½" → "1", "2") is split into words whole instead
(`_Listed`), as is a text given without its folded form.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from phoihop.search.engine import ParsedQuery
from vntext import fold
from vntext.tokens import COMBINING_MARKS, token_spans

WINDOW_TOKENS = 32
LEAD_TOKENS = 6
EARLY_TOKENS = 160
ELLIPSIS = "…"

Span = tuple[int, int]


def _find(haystack: str, words: tuple[str, ...], *, prefix: bool) -> list[int]:
    """Token indexes where `words` occur in `haystack` (" a b c ": tokens, single-space-separated)."""
    needle = " " + " ".join(words) + ("" if prefix else " ")
    found = []
    token, counted = -1, 0
    at = haystack.find(needle)
    while at != -1:
        # The needle starts at the space before token k, the (k+1)th space of the haystack.
        token += haystack.count(" ", counted, at + 1)
        counted = at + 1
        found.append(token)
        at = haystack.find(needle, at + 1)
    return found


def _occurrences(folded: str, query: ParsedQuery) -> list[tuple[int, int]]:
    """(first token, token count) of every whole-variant occurrence, else of every typed word."""
    haystack = f" {folded} "
    found = {(i, len(v)) for v in query.variants for i in _find(haystack, v, prefix=query.prefix)}
    if not found:
        typed = query.variants[0]
        last = len(typed) - 1
        found = {(i, 1) for k, w in enumerate(typed) for i in _find(haystack, (w,), prefix=query.prefix and k == last)}
    hits = sorted(found)
    # Prefer the beginning (sapo, first paragraphs): a passage there reads best, and only that much
    # of the text needs locating.
    early = [hit for hit in hits if hit[0] < EARLY_TOKENS]
    return early or hits


# -- The text's tokens by number. A token is what `vntext.tokens` calls one: a run of letters and
# -- digits with any combining marks attached (the same expression, possessive here so that a count
# -- of tokens can never be made up by splitting one).


class _Syntax:
    """Expressions that step over tokens and capture them, for one way of writing a token."""

    LONG_STEP = 64

    def __init__(self, token: str, separator: str) -> None:
        self.token, self.separator = token, separator
        self.long_step = re.compile(f"(?:{separator}{token}){{{self.LONG_STEP}}}")
        self._skips: dict[int, re.Pattern[str]] = {}
        self._captures: dict[int, re.Pattern[str]] = {}

    def skip(self, skipped: int) -> re.Pattern[str]:
        """Steps over `skipped` tokens (up to `LONG_STEP`) in one call."""
        pattern = self._skips.get(skipped)
        if pattern is None:
            pattern = self._skips[skipped] = re.compile(f"(?:{self.separator}{self.token}){{{skipped}}}")
        return pattern

    def capture(self, count: int) -> re.Pattern[str]:
        """Captures the next token and up to `count - 1` more, one group each, in one call."""
        pattern = self._captures.get(count)
        if pattern is None:
            more = ""
            for _ in range(count - 1):
                more = f"(?:{self.separator}({self.token}){more})?"
            pattern = self._captures[count] = re.compile(f"{self.separator}({self.token}){more}")
        return pattern


_ANY_TEXT = _Syntax(rf"[^\W_](?:[^\W_]|[{COMBINING_MARKS}])*+", r"[\W_]*+")
# In a text without "_" and combining marks (almost every text), the same tokens are runs of \w: faster.
_PLAIN_TEXT = _Syntax(r"\w++", r"\W*+")


class _Listed:
    """Every token span of the text, listed once (the exact, slower way)."""

    def __init__(self, spans: Sequence[tuple[int, int, str]]) -> None:
        self._spans = [(start, end) for start, end, _ in spans]

    def spans(self, first: int, count: int) -> list[Span]:
        """Spans of tokens `first` … `first + count - 1`, fewer where the text ends."""
        return self._spans[first : first + count]


class _Located:
    """Token spans of the text found by number, without splitting the text before them into words.

    Valid when each token of the text folds to one token (`_syntax_for`), so token k of the text
    is token k of its folded form. Remembers where each located run of tokens ended, so the next
    look-up (usually of a later token) starts from the nearest one before it.
    """

    def __init__(self, text: str, syntax: _Syntax) -> None:
        self.text, self.syntax = text, syntax
        # (number of tokens before, position after the last of them), in order.
        self._counts = [0]
        self._positions = [0]

    def spans(self, first: int, count: int) -> list[Span]:
        """Spans of tokens `first` … `first + count - 1`, fewer where the text ends."""
        k = bisect.bisect_right(self._counts, first) - 1
        position, skip = self._positions[k], first - self._counts[k]
        while skip > _Syntax.LONG_STEP:
            step = self.syntax.long_step.match(self.text, position)
            if step is None:
                return []
            position, skip = step.end(), skip - _Syntax.LONG_STEP
        if skip:
            step = self.syntax.skip(skip).match(self.text, position)
            if step is None:
                return []
            position = step.end()
        match = self.syntax.capture(count).match(self.text, position)
        if match is None:
            return []
        found = []
        for group in range(1, count + 1):
            span = match.span(group)
            if span[0] < 0:
                break
            found.append(span)
        seen = first + len(found)
        at = bisect.bisect_left(self._counts, seen)
        if at == len(self._counts) or self._counts[at] != seen:
            self._counts.insert(at, seen)
            self._positions.insert(at, found[-1][1])
        return found


_FOLDED_TOKEN = re.compile(r"[^\W_]+")
_IN_TOKEN = re.compile(rf"[^\W_]|[{COMBINING_MARKS}]")


def _folds_to_one_token(char: str) -> bool:
    """Whether `char` never changes the number of folded tokens of a token it is part of: it is not
    part of tokens at all, or it folds to letters and digits only (a combining mark: to nothing)."""
    if not _IN_TOKEN.fullmatch(char):
        return True
    folded = fold(char)
    if not folded:
        return not _FOLDED_TOKEN.fullmatch(char)  # a letter that folds to nothing would empty a token
    return _FOLDED_TOKEN.fullmatch(folded) is not None


# Characters checked in advance: those of Vietnamese and other Latin-script text, punctuation; but
# not "_" and the combining marks, whose presence `_syntax_for` needs to know.
_CHECKED_RANGES = [(0x0000, 0x005E), (0x0060, 0x024F), (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x20A0, 0x20CF)]


@functools.cache
def _unchecked() -> re.Pattern[str]:
    """A character outside those checked in advance and found to fold one token to one token."""
    good = [chr(c) for low, high in _CHECKED_RANGES for c in range(low, high + 1) if _folds_to_one_token(chr(c))]
    return re.compile("[^" + "".join(re.escape(c) for c in good) + "]")


_OTHER_CHARACTERS: dict[str, bool] = {}
_NOT_PLAIN = re.compile(rf"[_{COMBINING_MARKS}]")


def _syntax_for(text: str) -> _Syntax | None:
    """How to step over the tokens of `text`; None when some token of it does not fold to exactly one
    token."""
    others = set(_unchecked().findall(text))
    for char in others:
        good = _OTHER_CHARACTERS.get(char)
        if good is None:
            good = _folds_to_one_token(char)
            if len(_OTHER_CHARACTERS) < 10_000:
                _OTHER_CHARACTERS[char] = good
        if not good:
            return None
    return _ANY_TEXT if any(_NOT_PLAIN.match(char) for char in others) else _PLAIN_TEXT


def snippet(text: str, query: ParsedQuery, folded: str | None = None) -> SafeString:
    """The best passage of `text` (already normalized) for `query`, escaped, with <mark>s.

    `folded` is the text's folded tokens, space-separated (the index row's ``text_f``; tokens after the
    text's own, such as tags, are ignored); computed from `text` when not given.
    """
    tokens: _Listed | _Located
    syntax = _syntax_for(text) if folded is not None else None
    if folded is None or syntax is None:
        every = token_spans(text)
        tokens = _Listed(every)
        if folded is None:
            folded = " ".join(piece for _, _, piece in every)
    else:
        tokens = _Located(text, syntax)
    if not tokens.spans(0, 1):
        return mark_safe("")
    hits = _occurrences(folded, query)
    if hits and query.accent_terms:
        # Occurrences past the text (in the tags that follow it in `folded`) are left out.
        located = [(i, size, found) for i, size in hits if len(found := tokens.spans(i, size)) == size]
        hits = [(i, size) for i, size, _ in located]
        accented = set(query.accent_terms)
        exact = [(i, size) for i, size, found in located if any(text[a:b].lower() in accented for a, b in found)]
        hits = exact or hits
    elif hits and not tokens.spans(max(i + size for i, size in hits) - 1, 1):
        hits = [(i, size) for i, size in hits if len(tokens.spans(i, size)) == size]
    start = 0
    if hits:
        firsts = [i for i, _ in hits]
        best = -1
        for first in firsts:
            window_start = max(0, first - LEAD_TOKENS)
            inside = bisect.bisect_left(firsts, window_start + WINDOW_TOKENS) - bisect.bisect_left(firsts, window_start)
            if inside > best:
                best, start = inside, window_start
    # The window's tokens, and one more if the text goes on after it.
    window = tokens.spans(start, WINDOW_TOKENS + 1)
    more = len(window) > WINDOW_TOKENS
    window = window[:WINDOW_TOKENS]
    end = start + len(window)
    marks = [(i - start, i - start + size - 1) for i, size in hits if i >= start and i + size <= end]
    char_start = window[0][0] if start else 0
    char_end = window[-1][1] if more else len(text)
    parts: list[str] = [ELLIPSIS] if start else []
    position = char_start
    for first, last in _merge(marks, text, window):
        parts.append(escape(text[position : window[first][0]]))
        parts.append("<mark>" + escape(text[window[first][0] : window[last][1]]) + "</mark>")
        position = window[last][1]
    parts.append(escape(text[position:char_end]))
    if more:
        parts.append(ELLIPSIS)
    # Line breaks inside the passage read as spaces in a one-line snippet.
    return mark_safe(" ".join("".join(parts).split()))  # noqa: S308 — every piece of text is escaped above


def _merge(marks: list[tuple[int, int]], text: str, spans: list[Span]) -> list[tuple[int, int]]:
    """Overlapping marks, and marks separated only by spaces, become one."""
    merged: list[tuple[int, int]] = []
    for first, last in sorted(marks):
        if merged:
            previous_first, previous_last = merged[-1]
            gap = text[spans[previous_last][1] : spans[first][0]] if first > previous_last else ""
            if first <= previous_last or (first == previous_last + 1 and not gap.strip()):
                merged[-1] = (previous_first, max(previous_last, last))
                continue
        merged.append((first, last))
    return merged
