"""Reading the people file (JUECE_PEOPLE_FILE) as outside input: bounded, UTF-8, valid YAML; its
people (adapters/notify/people.py) and its groups (adapters/notify/groups.py) are read from it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 2 * 1024 * 1024


class PeopleFileError(ValueError):
    """A people file that cannot be read or has a bad row; the message is Chinese first with English."""


def is_csv(path: str | Path) -> bool:
    return Path(path).suffix.lower() == ".csv"


def read_text(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise PeopleFileError(f"无法读取人员名录 cannot read the people file {path}: {error.strerror}") from None
    if len(data) > MAX_BYTES:
        raise PeopleFileError(f"人员名录超过 {MAX_BYTES // 1024} KB the people file {path} is larger than "
                              f"{MAX_BYTES // 1024} KB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PeopleFileError(f"人员名录须为 UTF-8 编码 the people file {path} is not UTF-8 text") from None


def read_yaml(path: Path) -> Any:
    """The YAML document of a people file."""
    text = read_text(path)
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"第{mark.line + 1}行 line {mark.line + 1}" if mark else ""
        raise PeopleFileError(f"人员名录不是有效的 YAML the people file is not valid YAML {where}".strip()) from None
