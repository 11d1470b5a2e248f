"""Our Vietnamese (and English) for the Wagtail admin screens the newsroom uses (#15).

Wagtail's own `vi` catalogue has about 140 strings, so most of the admin would be English. Our
catalogues in `locale_wagtail/<lang>/LC_MESSAGES/` (second in LOCALE_PATHS: after our own `locale`,
before every installed app's catalogue) carry the msgids of the Wagtail apps we install, as
Wagtail's English catalogues list them, with our translation. They live apart from `locale`
because `makemessages --no-obsolete` keeps there only the msgids of our own source.

    .venv/bin/python scripts/wagtail_messages.py --update

takes the msgids from the installed Wagtail (after an upgrade: new strings come in untranslated,
strings Wagtail dropped go), keeps every translation already in our catalogue, starts a new string
from Wagtail's own Vietnamese when there is one, and writes the `en` catalogue (each msgid as its own
translation). `scripts/check_messages.py` validates both (placeholders, no fuzzy entries, the .mo
files current) and compiles them with `--compile`, like our own catalogues.

`--apply FILE` reads translations from a tab-separated file (`msgid<TAB>msgstr` per line; `\\n`
and `\\t` escaped, a context as `msgctxt\\x04msgid`) into the `vi` catalogue: the way a translator
hands in a batch. The catalogue itself stays the record.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "locale_wagtail"
# The Wagtail apps (and the libraries in its forms) whose screens our users reach
# (see config/settings/base.py, INSTALLED_APPS).
APPS = (
    "wagtail",
    "wagtail/admin",
    "wagtail/images",
    "wagtail/documents",
    "wagtail/snippets",
    "wagtail/users",
    "wagtail/sites",
    "wagtail/embeds",
    "wagtail/search",
    "wagtail/contrib/redirects",
    "wagtail/contrib/table_block",
    # django-taggit: the tag field's help text on every page, image and document form.
    "taggit",
)
DOMAINS = ("django", "djangojs")
HEADER = {
    "Project-Id-Version": "phoihop (Wagtail admin)",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
}
PLURALS = {"vi": "nplurals=1; plural=0;", "en": "nplurals=2; plural=(n != 1);"}


def wagtail_dir() -> Path:
    """site-packages: where wagtail (and taggit) are installed."""
    import wagtail

    return Path(wagtail.__file__).resolve().parent.parent


def key(entry: polib.POEntry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def catalogue_path(lang: str, domain: str) -> Path:
    return TARGET / lang / "LC_MESSAGES" / f"{domain}.po"


def wagtail_entries(domain: str) -> tuple[dict[tuple[str, str], polib.POEntry], dict[tuple[str, str], polib.POEntry]]:
    """Wagtail's msgids (from its `en` catalogues) and its own Vietnamese, for one domain."""
    source: dict[tuple[str, str], polib.POEntry] = {}
    vietnamese: dict[tuple[str, str], polib.POEntry] = {}
    base = wagtail_dir()
    for app in APPS:
        en = base / app / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        if en.exists():
            for entry in polib.pofile(str(en)):
                if not entry.obsolete:
                    entry.occurrences = [(f"{app}/{where}", line) for where, line in entry.occurrences]
                    source.setdefault(key(entry), entry)
        vi = base / app / "locale" / "vi" / "LC_MESSAGES" / f"{domain}.po"
        if vi.exists():
            for entry in polib.pofile(str(vi)):
                if not entry.obsolete and entry.translated() and "fuzzy" not in entry.flags:
                    vietnamese.setdefault(key(entry), entry)
    return source, vietnamese


def new_catalogue(lang: str) -> polib.POFile:
    catalogue = polib.POFile(wrapwidth=0)
    catalogue.metadata = {**HEADER, "Language": lang, "Plural-Forms": PLURALS[lang]}
    return catalogue


def update() -> None:
    for domain in DOMAINS:
        source, wagtail_vi = wagtail_entries(domain)
        old_path = catalogue_path("vi", domain)
        ours = {key(e): e for e in polib.pofile(str(old_path))} if old_path.exists() else {}
        vi, en = new_catalogue("vi"), new_catalogue("en")
        for k, src in sorted(source.items(), key=lambda item: (item[0][1].lower(), item[0])):
            common = {"msgid": src.msgid, "msgctxt": src.msgctxt or None, "occurrences": src.occurrences[:3]}
            flags = [f for f in src.flags if f.endswith("-format")]
            if src.msgid_plural:
                old = ours.get(k) or wagtail_vi.get(k)
                text = (old.msgstr_plural.get(0, "") if old and old.msgstr_plural else "") if old else ""
                vi.append(polib.POEntry(**common, msgid_plural=src.msgid_plural, msgstr_plural={0: text}, flags=flags))
                forms = {0: src.msgid, 1: src.msgid_plural}
                en.append(polib.POEntry(**common, msgid_plural=src.msgid_plural, msgstr_plural=forms, flags=flags))
            else:
                old = ours.get(k) or wagtail_vi.get(k)
                text = old.msgstr if old else ""
                vi.append(polib.POEntry(**common, msgstr=text, flags=flags))
                en.append(polib.POEntry(**common, msgstr=src.msgid, flags=flags))
        for lang, catalogue in (("vi", vi), ("en", en)):
            path = catalogue_path(lang, domain)
            path.parent.mkdir(parents=True, exist_ok=True)
            catalogue.save(str(path))
        done = len(vi.translated_entries())
        print(f"{domain}: {len(vi)} msgids, vi {done} translated ({vi.percent_translated()}%)")  # noqa: T201


def unescape(text: str) -> str:
    return text.replace("\\n", "\n").replace("\\t", "\t")


def apply(path: Path) -> None:
    batch: dict[tuple[str, str], str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if "\t" not in line:
            raise SystemExit(f"{path}:{number}: no tab")
        msgid, msgstr = line.split("\t", 1)
        msgid = unescape(msgid)
        context, _, msgid = msgid.rpartition("\x04") if "\x04" in msgid else ("", "", msgid)
        batch[(context, msgid)] = unescape(msgstr)
    found: set[tuple[str, str]] = set()
    for domain in DOMAINS:
        po_path = catalogue_path("vi", domain)
        catalogue = polib.pofile(str(po_path), wrapwidth=0)
        for entry in catalogue:
            text = batch.get(key(entry))
            if text is None:
                continue
            found.add(key(entry))
            if entry.msgid_plural:
                entry.msgstr_plural = {0: text}
            else:
                entry.msgstr = text
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        catalogue.save(str(po_path))
    missing = set(batch) - found
    for context, msgid in sorted(missing):
        print(f"not a Wagtail msgid: {context + ' | ' if context else ''}{msgid!r}", file=sys.stderr)  # noqa: T201
    print(f"applied {len(found)} of {len(batch)}")  # noqa: T201


def main(argv: list[str]) -> int:
    if "--update" in argv:
        update()
    if "--apply" in argv:
        apply(Path(argv[argv.index("--apply") + 1]))
    if not {"--update", "--apply"} & set(argv):
        print(__doc__)  # noqa: T201
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
