"""scripts/check_template_layers.py: a template may not use the tags or templates of a higher app."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("check_template_layers", ROOT / "scripts/check_template_layers.py")
assert _spec is not None and _spec.loader is not None
checker = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = checker  # dataclasses look their module up there
_spec.loader.exec_module(checker)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with the real layers and three apps' tag libraries."""
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    for app in ("portal", "newsroom", "factcheck"):
        tags = tmp_path / "phoihop" / app / "templatetags"
        tags.mkdir(parents=True)
        (tags / "__init__.py").write_text("")
        (tags / f"{app}_tags.py").write_text("")
    (tmp_path / "phoihop/newsroom/templates/newsroom").mkdir(parents=True)
    (tmp_path / "phoihop/newsroom/templates/newsroom/_corrections.html").write_text("")
    return tmp_path


def write(project: Path, name: str, text: str) -> None:
    path = project / "phoihop" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def run(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = checker.main(["--root", str(project)])
    return status, capsys.readouterr().err


def test_the_repository_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert checker.main([]) == 0, capsys.readouterr().err


def test_a_lower_app_loading_a_higher_apps_tags_fails_with_file_line_and_layers(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "portal/templates/portal/article_page.html", "{% load i18n %}\n<p>\n{% load factcheck_tags %}\n")
    status, err = run(project, capsys)
    assert status == 1
    assert err.startswith("phoihop/portal/templates/portal/article_page.html:3: portal loads the tag library")
    assert (
        "`factcheck_tags` of factcheck, a higher layer (newsroom | factcheck | ingest is above programs | portal)"
        in err
    )


def test_from_syntax_includes_and_independent_siblings_fail_too(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "portal/templates/portal/a.html", "{% load article_corrections from newsroom_tags %}")
    write(project, "portal/templates/portal/b.html", '{% include "newsroom/_corrections.html" with x=1 %}')
    write(project, "factcheck/templates/factcheck/c.html", "{% load i18n newsroom_tags %}")
    status, err = run(project, capsys)
    assert status == 1
    lines = err.splitlines()
    assert len(lines) == 3, err
    assert lines[0].startswith("phoihop/factcheck/templates/factcheck/c.html:1: factcheck loads")
    assert "an independent sibling in its own layer (newsroom | factcheck | ingest)" in lines[0]
    assert lines[1].startswith("phoihop/portal/templates/portal/a.html:1: portal loads the tag library `newsroom_tags`")
    assert lines[2].startswith("phoihop/portal/templates/portal/b.html:1: portal includes the template")


def test_own_and_lower_apps_tags_pass_and_comments_are_not_read(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        project, "factcheck/templates/factcheck/d.html", "{% load i18n wagtailcore_tags factcheck_tags portal_tags %}"
    )
    write(
        project,
        "portal/templates/portal/e.html",
        "{# {% load factcheck_tags %} #}{% comment %}{% load newsroom_tags %}{% endcomment %}",
    )
    status, err = run(project, capsys)
    assert (status, err) == (0, "")
