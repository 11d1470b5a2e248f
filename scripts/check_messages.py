"""Check the gettext catalogues: every entry translated, nothing fuzzy, and the .mo files current.

`--compile` rewrites the .mo files from the .po files (pure Python, no GNU gettext needed). The source
strings are Vietnamese, so it first completes the `vi` catalogue with each string as its own translation
and clears the header's fuzzy flag.

It also checks (and with `--compile` compiles) our catalogues of Wagtail's admin strings in
`locale_wagtail` (scripts/wagtail_messages.py, #15): no fuzzy entry, the `en` one complete, every
translation with the same placeholders (`%(name)s`, `%s`, `{0}`, `{name}`) and the same HTML tags as its
msgid, and the .mo files current. A Wagtail msgid not yet translated there falls back to Wagtail's own.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ("vi", "en")
WAGTAIL_ROOT = ROOT / "locale_wagtail"
WAGTAIL_DOMAINS = ("django", "djangojs")
# %(name)s, %s, %d, %%-free; {0}, {name}, {}; an HTML tag's name (opening or closing).
PERCENT = re.compile(r"%(?:\([^)]+\))?[-+ #0]*\d*(?:\.\d+)?[sdifgeExXr]")
BRACES = re.compile(r"(?<!\{)\{[A-Za-z0-9_]*\}(?!\})")
TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)\b")


def _complete(catalogue: polib.POFile, *, identity: bool) -> None:
    catalogue.metadata.update({"Project-Id-Version": "phoihop", "Content-Type": "text/plain; charset=UTF-8"})
    if "fuzzy" in catalogue.metadata_is_fuzzy:
        catalogue.metadata_is_fuzzy = []
    for entry in catalogue:
        if not identity or entry.obsolete:
            continue
        # The source language translates to itself, always: a merged guess is never right here.
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")


def placeholders(text: str, entry: polib.POEntry) -> Counter[str]:
    found = Counter(PERCENT.findall(text.replace("%%", "")))
    if "python-brace-format" in entry.flags or BRACES.search(entry.msgid):
        found.update(BRACES.findall(text))
    found.update("<" + name.lower() for name in TAG.findall(text))
    return found


def translation_problems(entry: polib.POEntry) -> list[str]:
    """Placeholders or tags a translation lost, or gained, against its msgid."""
    if entry.msgid_plural:
        singular, plural = placeholders(entry.msgid, entry), placeholders(entry.msgid_plural, entry)
        allowed = singular | plural
        wrong = []
        # The last form serves every count above one: it keeps the plural's named placeholders (in
        # Vietnamese, with one form, the only form does). Every form uses only the msgids' own.
        last = max(entry.msgstr_plural, default=0)
        for index, text in entry.msgstr_plural.items():
            if not text:
                continue
            have = placeholders(text, entry)
            named = [name for name in plural if name.startswith(("%(", "<"))]
            if have - allowed or (index == last and not all(have[name] >= plural[name] for name in named)):
                wrong.append(f"{sorted(have.elements())} against {sorted(allowed.elements())}")
        return wrong
    want, have = placeholders(entry.msgid, entry), placeholders(entry.msgstr, entry)
    return [] if want == have else [f"{sorted(have.elements())} against {sorted(want.elements())}"]


def check_wagtail(compile_mo: bool, problems: list[str]) -> None:
    for lang in LOCALES:
        for domain in WAGTAIL_DOMAINS:
            po_path = WAGTAIL_ROOT / lang / "LC_MESSAGES" / f"{domain}.po"
            if not po_path.exists():
                problems.append(f"{po_path}: missing (run scripts/wagtail_messages.py --update)")
                continue
            catalogue = polib.pofile(str(po_path), wrapwidth=0)
            for entry in catalogue:
                if entry.obsolete:
                    continue
                where = f"{po_path}:{entry.linenum}"
                if "fuzzy" in entry.flags:
                    problems.append(f"{where}: fuzzy: {entry.msgid[:60]!r}")
                if not entry.translated():
                    if lang == "en":
                        problems.append(f"{where}: untranslated: {entry.msgid[:60]!r}")
                    continue
                for wrong in translation_problems(entry):
                    problems.append(f"{where}: placeholders {wrong}: {entry.msgid[:60]!r}")
            mo_path = po_path.with_suffix(".mo")
            expected = catalogue.to_binary()
            if compile_mo:
                mo_path.write_bytes(expected)
            elif not mo_path.exists() or mo_path.read_bytes() != expected:
                problems.append(f"{mo_path}: out of date (run `scripts/check_messages.py --compile`)")
            translated = len(catalogue.translated_entries())
            total = len([e for e in catalogue if not e.obsolete])
            print(f"wagtail {lang} {domain}: {translated} of {total} translated")  # noqa: T201


def main(argv: list[str]) -> int:
    compile_mo = "--compile" in argv
    problems: list[str] = []
    check_wagtail(compile_mo, problems)
    for lang in LOCALES:
        po_path = ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"
        mo_path = po_path.with_suffix(".mo")
        if not po_path.exists():
            problems.append(f"{po_path}: missing")
            continue
        catalogue = polib.pofile(str(po_path))
        if compile_mo:
            _complete(catalogue, identity=(lang == "vi"))
            catalogue.save()
        for entry in catalogue:
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags:
                problems.append(f"{po_path}:{entry.linenum}: fuzzy: {entry.msgid[:60]!r}")
            if not entry.translated():
                problems.append(f"{po_path}:{entry.linenum}: untranslated: {entry.msgid[:60]!r}")
            elif lang == "vi" and not entry.msgid_plural and entry.msgstr != entry.msgid:
                problems.append(f"{po_path}:{entry.linenum}: Vietnamese source changed: {entry.msgid[:60]!r}")
        expected = catalogue.to_binary()
        if compile_mo:
            mo_path.write_bytes(expected)
        elif not mo_path.exists() or mo_path.read_bytes() != expected:
            problems.append(f"{mo_path}: out of date (run `make messages`)")
        print(f"{lang}: {len(catalogue.translated_entries())} translated, {catalogue.percent_translated()}%")  # noqa: T201
    for problem in problems:
        print(problem, file=sys.stderr)  # noqa: T201
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
