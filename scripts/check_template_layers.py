"""Check that the apps' templates respect the apps' layers, which import-linter cannot see.

A template of app X must not `{% load %}` a tag library of an app in a higher layer, nor of an
independent sibling in its own layer (`a | b` in the layers contract), and must not `{% include %}`
or `{% extends %}` such an app's templates: that would make the lower app render the higher one,
the cycle the layers forbid. The layers are read from the `layers` contract of `[tool.importlinter]`
in pyproject.toml (top first). A lower app offers a registry instead, which the higher app fills in
its AppConfig.ready (`phoihop/portal/extensions.py`, `phoihop/programs/panels.py`).

    python scripts/check_template_layers.py [--root DIR]

Exit status 1 and one line per violation (file:line: what, and what to do) on stderr.
"""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTRACT_ID = "layers"
_TAG = re.compile(r"\{%\s*(load|include|extends)\s+(.*?)\s*%\}", re.DOTALL)
# Text Django never parses as tags: comments and verbatim blocks (blanked, keeping line numbers).
_UNPARSED = re.compile(
    r"\{#.*?#\}|\{%\s*comment\b.*?%\}.*?\{%\s*endcomment\s*%\}|\{%\s*verbatim\b.*?%\}.*?\{%\s*endverbatim\b.*?%\}",
    re.DOTALL,
)
_LITERAL = re.compile(r"""^(["'])(.+?)\1""")


@dataclass(frozen=True)
class Layers:
    container: str
    # Each layer, top first: its apps and whether they are independent of each other (`|`).
    layers: tuple[tuple[tuple[str, ...], bool], ...]

    def index(self, app: str) -> int | None:
        for number, (apps, _independent) in enumerate(self.layers):
            if app in apps:
                return number
        return None

    def forbids(self, lower: str, higher: str) -> str | None:
        """Why `lower` may not use `higher`, or None when it may."""
        low, high = self.index(lower), self.index(higher)
        if low is None or high is None or lower == higher:
            return None
        if high < low:
            return f"a higher layer ({self.describe(high)} is above {self.describe(low)})"
        if high == low and self.layers[low][1]:
            return f"an independent sibling in its own layer ({self.describe(low)})"
        return None

    def describe(self, number: int) -> str:
        apps, independent = self.layers[number]
        return (" | " if independent else " : ").join(apps)


def read_layers(root: Path) -> Layers:
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config.get("tool", {}).get("importlinter", {}).get("contracts", [])
    contract = next((c for c in contracts if c.get("id") == CONTRACT_ID and c.get("type") == "layers"), None)
    if contract is None or len(contract.get("containers", [])) != 1:
        raise SystemExit(f"pyproject.toml: no layers contract with id {CONTRACT_ID!r} and one container")
    layers = []
    for entry in contract["layers"]:
        independent = ":" not in entry
        names = re.split(r"[|:]", entry)
        layers.append((tuple(name.strip().strip("()") for name in names if name.strip()), independent))
    return Layers(container=contract["containers"][0], layers=tuple(layers))


def tag_libraries(package: Path) -> dict[str, str]:
    """Tag library name → the app that defines it (`<app>/templatetags/<name>.py`)."""
    owners: dict[str, str] = {}
    for path in sorted(package.glob("*/templatetags/**/*.py")):
        app_dir = path.relative_to(package).parts[0]
        relative = path.relative_to(package / app_dir / "templatetags").with_suffix("")
        if relative.name != "__init__":
            owners[".".join(relative.parts)] = app_dir
    return owners


def template_owners(package: Path) -> dict[str, set[str]]:
    """Template name (`portal/_nav.html`) → the apps whose templates folder holds it."""
    owners: dict[str, set[str]] = {}
    for folder in sorted(package.glob("*/templates")):
        for path in folder.rglob("*"):
            if path.is_file():
                owners.setdefault(path.relative_to(folder).as_posix(), set()).add(folder.parent.name)
    return owners


def check(root: Path) -> tuple[list[str], int]:
    """The violations (messages), and how many templates were read."""
    layers = read_layers(root)
    package = root / layers.container.replace(".", "/")
    libraries = tag_libraries(package)
    templates = template_owners(package)
    problems: list[str] = []
    count = 0
    for folder in sorted(package.glob("*/templates")):
        app = folder.parent.name
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            count += 1
            source = path.read_text(encoding="utf-8", errors="replace")
            source = _UNPARSED.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), source)
            for match in _TAG.finditer(source):
                line = source.count("\n", 0, match.start()) + 1
                where = f"{path.relative_to(root)}:{line}"
                kind, argument = match.group(1), match.group(2)
                if kind == "load":
                    bits = argument.split()
                    names = bits[bits.index("from") + 1 :] if "from" in bits else bits
                    for name in names:
                        owner = libraries.get(name)
                        reason = layers.forbids(app, owner) if owner else None
                        if owner and reason:
                            problems.append(
                                f"{where}: {app} loads the tag library `{name}` of {owner}, {reason}. "
                                f"Give {app} a registry that {owner} fills in its AppConfig.ready "
                                f"(like phoihop/portal/extensions.py) and render that instead."
                            )
                    continue
                literal = _LITERAL.match(argument)
                owners = templates.get(literal.group(2), set()) if literal else set()
                if app in owners:
                    continue
                for owner in sorted(owners):
                    reason = layers.forbids(app, owner)
                    if reason:
                        problems.append(
                            f"{where}: {app} {kind}s the template `{literal.group(2) if literal else ''}` "
                            f"of {owner}, {reason}. Let {owner} fill a registry of {app} instead "
                            f"(like phoihop/portal/extensions.py)."
                        )
    return problems, count


def main(argv: list[str]) -> int:
    root = Path(argv[argv.index("--root") + 1]).resolve() if "--root" in argv else ROOT
    problems, count = check(root)
    for problem in problems:
        print(problem, file=sys.stderr)  # noqa: T201
    if not problems:
        print(f"template layers: {count} templates, none uses a higher app's tags or templates")  # noqa: T201
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
