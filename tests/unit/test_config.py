"""config.py is the one reader of JUECE_* variables; every one mentioned is declared there, read
when asked for, and refused by name when of the wrong type. README's generated sections match."""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path

import pytest

from juece import config

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "plugins" / "juece"
SOURCES = [*PACKAGE.rglob("*.py"), *(REPO / "dags").glob("*.py"), REPO / "plugins" / "juece_plugin.py"]
NAME = re.compile(r"\bJUECE_[A-Z0-9_]+")


def _is_environ(node: ast.AST) -> bool:
    """`os.environ` or a bare `environ`."""
    return (isinstance(node, ast.Attribute) and node.attr == "environ") or (
        isinstance(node, ast.Name) and node.id == "environ")


def _reads_juece(key: ast.AST | None) -> bool:
    """A key that is a JUECE_ name, or not a literal at all (it could hold one)."""
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return key.value.startswith("JUECE_")
    return key is not None


def environment_reads(path: Path) -> list[str]:
    """Where a file reads a JUECE_ variable (or a variable named by an expression)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        key: ast.AST | None = None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
            owner, method = node.func.value, node.func.attr
            if (_is_environ(owner) and method == "get") or (
                    method == "getenv" and isinstance(owner, ast.Name) and owner.id == "os"):
                key = node.args[0]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getenv" and node.args:
            key = node.args[0]
        elif isinstance(node, ast.Subscript) and _is_environ(node.value) and isinstance(node.ctx, ast.Load):
            key = node.slice
        elif isinstance(node, ast.Compare) and any(_is_environ(c) for c in node.comparators):
            key = node.left
        if _reads_juece(key):
            found.append(f"{path.relative_to(REPO)}:{node.lineno}")
    return found


def test_only_config_reads_juece_variables() -> None:
    offenders = [hit for path in SOURCES if path != PACKAGE / "config.py" for hit in environment_reads(path)]
    assert offenders == []


def test_the_scan_finds_a_read() -> None:
    sample = PACKAGE / "config.py"
    assert environment_reads(sample)  # config itself reads them: the scan does see reads


def test_every_juece_name_mentioned_in_the_package_is_declared() -> None:
    declared = set(config.BY_NAME)
    undeclared = set()
    for path in [*SOURCES, *PACKAGE.rglob("*.html"), *PACKAGE.rglob("*.j2"), *PACKAGE.rglob("*.js")]:
        for name in NAME.findall(path.read_text(encoding="utf-8")):
            prefix = name.endswith("_")  # JUECE_RATE_LIMIT_*: a family, declared when a member is
            if not (any(d.startswith(name) for d in declared) if prefix else name in declared):
                undeclared.add(f"{name} ({path.relative_to(REPO)})")
    assert sorted(undeclared) == []


def test_settings_are_declared_once_and_described() -> None:
    assert len(config.BY_NAME) == len(config.SETTINGS)
    assert all(s.meaning and s.read_by for s in config.SETTINGS)


def test_values_are_read_when_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JUECE_CLOCK_SCALE", raising=False)
    assert config.clock_scale() == 1.0
    monkeypatch.setenv("JUECE_CLOCK_SCALE", "720")
    assert config.clock_scale() == 720.0
    monkeypatch.setenv("JUECE_AIRFLOW_USER", "")
    assert config.airflow_user() == "juece"  # empty is unset
    monkeypatch.setenv("JUECE_ADMIN_USERS", " a, ,b ")
    assert config.admin_users() == ["a", "b"]


@pytest.mark.parametrize(("name", "read", "value"), [
    ("JUECE_CLOCK_SCALE", config.clock_scale, "fast"),
    ("JUECE_CLOCK_SCALE", config.clock_scale, "0.5"),
    ("JUECE_RATE_LIMIT_BURST", config.rate_limit_burst, "ten"),
    ("JUECE_PORTAL_MAX_CONNECTIONS", config.portal_max_connections, "1.5"),
    ("JUECE_CLIENT_RETENTION_DAYS", config.client_retention_days, "a month"),
])
def test_a_bad_value_is_refused_by_name(monkeypatch: pytest.MonkeyPatch, name: str, read, value: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(config.ConfigError, match=f"^{name} "):
        read()


def test_an_undeclared_name_cannot_be_read() -> None:
    with pytest.raises(KeyError):
        config.raw("JUECE_NOT_A_SETTING")


def _readme_sections():
    spec = importlib.util.spec_from_file_location("readme_sections", REPO / "docs" / "readme_sections.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_generated_sections_are_current() -> None:
    """If this fails: python docs/readme_sections.py (and commit README.md)."""
    readme = _readme_sections()
    text = (REPO / "README.md").read_text(encoding="utf-8")
    found = {m.group("name"): m.group("body") for m in readme.SECTION.finditer(text)}
    assert set(found) == {"configuration", "layout"}
    assert found == readme.sections()


def test_the_markdown_command_prints_the_configuration_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert config.main(["--markdown"]) == 0
    assert capsys.readouterr().out == config.markdown()
    assert config.main([]) == 2
