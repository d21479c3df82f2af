"""The house's rules, checked: imports point one way; lint and format are clean.

import-linter's contracts are in pyproject.toml ([tool.importlinter]); ruff's rules too. Both read
every import, so a function-level import cannot hide an arrow that runs the wrong way.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP_DIRS = ("content", "model", "charts", "views", "ui", "handout", "app_pages")


def _tool(name: str) -> str:
    path = shutil.which(name) or str(Path(sys.executable).with_name(name))
    if not Path(path).exists():
        pytest.fail(f"{name} is not installed: pip install -r requirements-dev.txt")
    return path


def test_imports_point_one_way() -> None:
    result = subprocess.run([_tool("lint-imports")], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_finds_nothing() -> None:
    result = subprocess.run([_tool("ruff"), "check", "."], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted() -> None:
    result = subprocess.run(
        [_tool("ruff"), "format", "--check", "."], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_language_is_special_cased_in_code() -> None:
    """Languages are data (content/i18n.py's table): no module compares a language code."""
    offenders = []
    for folder in (*APP_DIRS, "serve.py", "streamlit_app.py"):
        paths = [ROOT / folder] if folder.endswith(".py") else sorted((ROOT / folder).rglob("*.py"))
        for path in paths:
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Compare):
                    consts = [c.value for c in (node.left, *node.comparators) if isinstance(c, ast.Constant)]
                    if any(value in ("zh", "en", "zh-Hant", "zh-CN") for value in consts):
                        offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, f"language special-cased (use the language table): {offenders}"


def test_the_repository_is_self_contained() -> None:
    """CONTRIBUTING and the registry point inside the repository (docs/reference/), not outside it."""
    for name in ("CONTRIBUTING.md", "README.md", "content/facts.toml", "content/glossary.toml"):
        text = (ROOT / name).read_text(encoding="utf-8")
        assert "../shared" not in text, f"{name} points outside the repository"
    assert (ROOT / "docs" / "reference" / "mirocals-facts.md").exists()
