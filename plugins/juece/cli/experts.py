"""`juece experts`: the expert library (专家库, R-C4) and the experts' signing keys (R-C1)."""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from juece.adapters.store.experts import ExpertLibrary
from juece.cli.columns import align
from juece.config import keys_dir
from juece.domain.expert_review.experts import FIELDS, Expert, parse_experts
from juece.domain.expert_review.signatures import (
    KEY_ALGORITHMS,
    key_fingerprint,
    new_key_pair,
    sign_digest,
)
from juece.domain.record.errors import FormError, RuleViolation

DIGEST = re.compile(r"^[0-9a-f]{64}$")
FORMATS = {".csv": "csv", ".yaml": "yaml", ".yml": "yaml"}


def _refuse(rule: str | None, zh: str, en: str) -> RuleViolation:
    """A refusal under ``rule``, or with None a form error (a file, a name or a value given wrong)."""
    zh, en = " ".join(zh.split()), " ".join(en.split())
    return RuleViolation(rule, zh, en) if rule else FormError(zh, en)


def _format_of(path: Path) -> str:
    if path.suffix.lower() not in FORMATS:
        raise _refuse(None, f"{path}：文件须为 .csv、.yaml 或 .yml", f"{path}: the file must be .csv, .yaml or .yml")
    return FORMATS[path.suffix.lower()]


def read_library(path: Path) -> list[Expert]:
    """The experts of one CSV or YAML file; any problem is refused naming the file (and row)."""
    kind = _format_of(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
        if kind == "csv":
            reader = csv.DictReader(io.StringIO(text, newline=""))
            rows, lines = [], []
            for row in reader:
                rows.append(row)
                lines.append(reader.line_num)
            return parse_experts(rows, str(path), lines=lines)
        return parse_experts(_yaml_items(yaml.safe_load(text), path), str(path))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise _refuse(None, f"{where}：YAML 格式错误：{error.problem}", f"{where}: invalid YAML: {error.problem}") from None
    except (OSError, UnicodeDecodeError, csv.Error, yaml.YAMLError) as error:
        raise _refuse(None, f"{path}：无法读取：{error}", f"{path}: cannot be read: {error}") from None


def _yaml_items(data: Any, path: Path) -> list[Any]:
    if isinstance(data, dict) and set(data) == {"experts"}:
        data = data["experts"]
    if not isinstance(data, list):
        raise _refuse(None, f"{path}：应为专家列表，或含 experts 列表的文件",
                      f"{path}: expected a list of experts, or a mapping with an `experts` list")
    return data


def _csv_value(value: Any) -> str:
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def format_csv(experts: Iterable[Expert]) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for expert in experts:
        writer.writerow({k: _csv_value(v) for k, v in expert.as_dict().items()})
    return out.getvalue()


def format_yaml(experts: Iterable[Expert]) -> str:
    items = [{k: v for k, v in e.as_dict().items() if v not in (None, "", False)} for e in experts]
    return yaml.safe_dump({"experts": items}, allow_unicode=True, sort_keys=False, width=1000)


def format_table(experts: Iterable[Expert]) -> str:
    rows = [["用户 user", "姓名 name", "专业 specialties", "单位 affiliation", "公职 official of", "状态 status"]]
    for e in experts:
        status = f"已除名 removed {e.removed_on or ''}".strip() if e.removed else "在库 active"
        rows.append([e.user, e.name, "、".join(e.specialties), e.affiliation, e.official_of or "-", status])
    return "\n".join(align(rows))


def cmd_import(args: argparse.Namespace) -> int:
    experts: list[Expert] = []
    origin: dict[str, Path] = {}
    for path in map(Path, args.files):
        for expert in read_library(path):
            if expert.user in origin:
                raise _refuse(None, f"{path}：用户 {expert.user} 已见于 {origin[expert.user]}",
                              f"{path}: user {expert.user} is also in {origin[expert.user]}")
            origin[expert.user] = path
            experts.append(expert)
    added, updated = ExpertLibrary().upsert(experts)
    print(f"专家库导入 imported {len(experts)}: 新增 added {added}, 更新 updated {updated}, "
          f"未变 unchanged {len(experts) - added - updated}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    experts = ExpertLibrary().all(include_removed=args.all)
    render = {"table": format_table, "csv": format_csv, "yaml": format_yaml}[args.format]
    print(render(experts).rstrip("\n"))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    path = Path(args.file)
    experts = ExpertLibrary().all()
    if _format_of(path) == "csv":
        path.write_text(format_csv(experts), encoding="utf-8-sig", newline="")
    else:
        path.write_text(format_yaml(experts), encoding="utf-8")
    print(f"专家库导出 exported {len(experts)} experts to {path}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    try:
        on = date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise _refuse(None, f"日期格式应为 YYYY-MM-DD，实为 {args.date}", f"the date must be YYYY-MM-DD, got {args.date}") from None
    expert = ExpertLibrary().remove(args.user, args.reason, on)
    print(f"已除名 removed {expert.user} {expert.name} ({expert.removed_on}): {expert.removed_reason}")
    return 0


def cmd_keygen(args: argparse.Namespace) -> int:
    library = ExpertLibrary()
    users = args.users or [e.user for e in library.all(include_removed=False) if e.public_key is None]
    for user in users:
        expert = library.get(user)
        if expert is None:
            raise _refuse(None, f"专家库中没有 {user}", f"no expert {user} in the library")
        if expert.removed:
            raise _refuse("R-C4", f"专家 {user} 已除名，不再签署意见", f"expert {user} was removed and signs no opinions")
    directory = Path(args.dir) if args.dir else keys_dir()
    if taken := [str(directory / f"{u}.pem") for u in users if (directory / f"{u}.pem").exists()]:
        raise _refuse(None, f"私钥文件已存在，不覆盖：{', '.join(taken)}",
                      f"private key files exist and are never overwritten: {', '.join(taken)}")
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    for user in users:
        private, public = new_key_pair(args.algorithm)
        path = directory / f"{user}.pem"
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(private)
        library.set_public_key(user, public)
        print(f"{user}: 私钥 private key {path}, 公钥指纹 fingerprint {key_fingerprint(public)}")
    if not users:
        print("每位专家都已有公钥 / every expert already has a public key")
    return 0


def cmd_sign(args: argparse.Namespace) -> int:
    if not DIGEST.match(args.digest):
        raise _refuse(None, "摘要应为64位小写十六进制（意见摘要 sha256）",
                      "the digest must be 64 lowercase hex digits (the opinion's sha256)")
    try:
        private = Path(args.key).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as error:
        raise _refuse(None, f"{args.key}：私钥无法读取：{error}", f"{args.key}: the private key cannot be read: {error}") from None
    print(sign_digest(private, args.digest))
    return 0


ACTIONS: dict[str, Callable[[argparse.Namespace], int]] = {
    "import": cmd_import, "list": cmd_list, "export": cmd_export, "remove": cmd_remove,
    "keygen": cmd_keygen, "sign": cmd_sign,
}


def cmd_experts(args: argparse.Namespace) -> int:
    try:
        return ACTIONS[args.experts_command](args)
    except BrokenPipeError:  # `juece experts list | head`: the reader left; main() ends quietly
        raise
    except OSError as error:  # a refusal (exit 2), not a failure: the file named is the wrong one
        raise FormError(f"文件无法读写：{error}", f"a file cannot be read or written: {error}") from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `experts` and its subcommands to the `juece` command's subparsers."""
    experts = sub.add_parser("experts", help="专家库 the expert library (R-C4) and signing keys (R-C1)")
    commands = experts.add_subparsers(dest="experts_command", required=True)
    imported = commands.add_parser("import", help="import .csv/.yaml files, all or nothing")
    imported.add_argument("files", nargs="+")
    listed = commands.add_parser("list", help="list the library (removed experts only with --all)")
    listed.add_argument("--format", choices=["table", "csv", "yaml"], default="table")
    listed.add_argument("--all", action="store_true", help="include removed experts, marked")
    commands.add_parser("export", help="write the whole library to a .csv or .yaml file").add_argument("file")
    removed = commands.add_parser("remove", help="remove an expert for misconduct (flagged, never deleted)")
    removed.add_argument("user")
    removed.add_argument("--reason", required=True)
    removed.add_argument("--date", help="YYYY-MM-DD (default today)")
    keygen = commands.add_parser("keygen", help="make signing keys; the library keeps the public key")
    keygen.add_argument("--dir", help="where DIR/<user>.pem is written (mode 0600); default JUECE_KEYS_DIR, "
                                       "where the demo and `juece experts sign` keep them")
    keygen.add_argument("users", nargs="*", help="default: every active expert without a key")
    keygen.add_argument("--algorithm", choices=KEY_ALGORITHMS, default="ed25519",
                        help="ed25519 (default) or sm2 (SM2 with SM3, GB/T 32918; PKCS#8 PEM as GB/T 35276 encodes it)")
    sign = commands.add_parser("sign", help="sign an opinion digest with an expert's private key")
    sign.add_argument("--key", required=True, help="the expert's PEM file")
    sign.add_argument("digest")
    experts.set_defaults(run=cmd_experts)
