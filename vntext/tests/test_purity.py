import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent


def test_no_module_imports_django() -> None:
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(name.split(".")[0] in {"django", "wagtail"} for name in names), path


def test_importing_vntext_loads_no_django() -> None:
    code = "import sys, vntext; sys.exit(any(m.split('.')[0] == 'django' for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], cwd=PACKAGE.parent, check=False)  # noqa: S603
    assert result.returncode == 0
