"""Check the gettext catalogues: every entry translated, nothing fuzzy, and the .mo files current.

`--compile` rewrites the .mo files from the .po files (pure Python, no GNU gettext needed). The source
strings are Vietnamese, so it first completes the `vi` catalogue with each string as its own translation
and clears the header's fuzzy flag.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ("vi", "en")


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


def main(argv: list[str]) -> int:
    compile_mo = "--compile" in argv
    problems: list[str] = []
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
