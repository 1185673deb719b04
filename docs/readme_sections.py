"""README.md's generated sections: Configuration (from juece.config's settings table) and Layout
(from the tree: each package's docstring). Between `<!-- generated: NAME -->` and `<!-- end -->`.

    python docs/readme_sections.py            # rewrite them in README.md
    python docs/readme_sections.py --check    # exit 1 if README.md differs from what is generated
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "plugins" / "juece"
README = REPO / "README.md"
# The package's top level in the order of its layers (tests/unit/test_layering.py); others follow.
ORDER = ("config.py", "spec", "domain", "adapters", "services", "orchestration", "web", "cli", "demo")
# What has no docstring to say it.
OTHERS = {
    "templates/": "decision-type templates, demo scenarios, the demo expert library",
    "tests/": "unit/, dags/, integration/ (real Airflow; its metadata and juece's records on PostgreSQL "
              "and SQLite), e2e/ (Chromium); mirroring the package",
    "benchmarks/": "performance scripts; results in docs/benchmarks.md",
    "deploy/": "webserver_config.py: Airflow's FAB sign-in against LDAP, groups to roles (docs/deploy.md)",
    "docs/": "rules, archive, security, testing notes; this script",
}
SECTION = re.compile(r"(<!-- generated: (?P<name>[a-z]+) -->\n)(?P<body>.*?)(<!-- end -->)", re.S)


def summary(path: Path) -> str:
    """The first sentence of a module's (or a package's) docstring."""
    source = path / "__init__.py" if path.is_dir() else path
    docstring = ast.get_docstring(ast.parse(source.read_text(encoding="utf-8"))) or ""
    paragraph = " ".join(docstring.split("\n\n")[0].split())
    return re.split(r"(?<=[\w)`])\.(?:\s|$)", paragraph)[0]


def line(depth: int, name: str, text: str) -> str:
    return f"{'  ' * depth + name:<26} {text}".rstrip()


def package_lines(folder: Path, depth: int) -> list[str]:
    """Each sub-package of ``folder``, in layer order at the top, its own sub-packages below it."""
    children = [p for p in folder.iterdir() if (p / "__init__.py").exists() or p.name == "config.py"]
    rank = {name: i for i, name in enumerate(ORDER)} if folder == PACKAGE else {}
    lines = []
    for child in sorted(children, key=lambda p: (rank.get(p.name, len(rank)), p.name)):
        name = child.name if child.is_file() else f"{child.name}/"
        lines.append(line(depth, name, summary(child)))
        if child.is_dir():
            lines += package_lines(child, depth + 1)
    return lines


def layout() -> str:
    lines = [line(0, "dags/", "Airflow's DAG folder: glue, one file per DAG family")]
    lines += [line(1, p.name, summary(p)) for p in sorted((REPO / "dags").glob("*.py"))]
    lines.append(line(0, "plugins/juece_plugin.py", summary(REPO / "plugins" / "juece_plugin.py")))
    lines.append(line(0, "plugins/juece/", summary(PACKAGE)))
    lines += package_lines(PACKAGE, 1)
    lines += [line(0, name, text) for name, text in OTHERS.items()]
    return "```\n" + "\n".join(lines) + "\n```\n"


def sections() -> dict[str, str]:
    sys.path.insert(0, str(REPO / "plugins"))
    from juece.config import markdown

    return {"configuration": markdown(), "layout": layout()}


def regenerate(text: str) -> str:
    """README's text with every generated section made anew."""
    made = sections()
    return SECTION.sub(lambda m: m.group(1) + made[m.group("name")] + m.group(4), text)


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    if argv == ["--check"]:
        return 0 if regenerate(text) == text else 1
    README.write_text(regenerate(text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
