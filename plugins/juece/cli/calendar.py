"""`juece calendar`: the State Council's holiday schedules (R-E3) held in the records DB.

`import FILE` loads a year's official schedule as published (days off and the weekend days made
working days), with the notice it came from and who loaded it; `show` lists every year known and
where it comes from, and the decisions waiting for a year that is not known yet."""

from __future__ import annotations

import argparse

from juece.adapters.store.calendar import CalendarStore, require_administrator
from juece.adapters.store.ledger import Ledger
from juece.cli.auth import acting_user
from juece.domain.record import workdays
from juece.domain.record.clock import china_time


def cmd_import(args: argparse.Namespace) -> int:
    schedules = workdays.read_schedule_file(args.file, assumed=args.assumed)
    if args.notice:
        schedules = [workdays.Schedule(s.year, s.days_off, s.working_weekend, args.notice, s.assumed)
                     for s in schedules]
    user = acting_user(args)  # who loads it: the authenticated user
    require_administrator(user)
    store = CalendarStore()
    for schedule in schedules:
        stored = store.load(schedule, user)
        label = "假定安排 ASSUMED, not official" if stored.assumed else "官方安排 official"
        print(f"{stored.year}: {label} — {stored.source}; {len(stored.days_off)} 天放假 days off, "
              f"{len(stored.working_weekend)} 个调休上班日 working weekend days; 载入 loaded by {stored.loaded_by} "
              f"at {china_time(stored.loaded_at)}")
    waiting = waiting_decisions({s.year for s in schedules})
    if waiting:
        print("等待该安排的决策 decisions waiting for it (answer “已载入 Loaded” in their task): " + ", ".join(waiting))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    CalendarStore().install()
    years = workdays.library_years()
    print(f"{years.start}-{years.stop - 1}: holidays {workdays.library_version()} 库收录的官方安排 "
          "official schedule in the library")
    for year, schedule in sorted(workdays.published_schedules().items()):
        label = "假定 ASSUMED" if schedule.assumed else "官方 official"
        by = f"; 载入 loaded by {schedule.loaded_by} at {china_time(schedule.loaded_at)}" if schedule.loaded_by else ""
        print(f"{year}: {label} — {schedule.source}{by}")
    known = workdays.official_years()
    print(f"可计算工作日的年份 working days can be counted for {known.start}-{known.stop - 1}")
    waiting = waiting_decisions(None)
    if waiting:
        print("等待载入安排的决策 decisions waiting for a schedule: " + ", ".join(waiting))
    return 0


def waiting_decisions(years: set[int] | None) -> list[str]:
    """Decisions whose last calendar wait (for one of ``years``, or any) has not ended."""
    ledger = Ledger()
    waiting = []
    for entry in ledger.of_kind("calendar_awaited"):
        if years is not None and entry["data"].get("year") not in years:
            continue
        loaded = ledger.latest(entry["decision_id"], "calendar_loaded")
        if loaded is None or loaded["seq"] < entry["seq"]:
            waiting.append(f"{entry['decision_id']} ({entry['data'].get('task')}, {entry['data'].get('year')})")
    return sorted(set(waiting))


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    calendar = sub.add_parser("calendar", help="节假日安排 the official holiday schedules (R-E3)")
    verbs = calendar.add_subparsers(dest="calendar_command", required=True)
    load = verbs.add_parser("import", help="load a year's official schedule (YAML or JSON) into the records DB")
    load.add_argument("file", help="{YEAR: {holidays: [...], workdays: [...], notice: ...}}")
    load.add_argument("--notice", help="the notice it was published in (e.g. 国办发明电〔2026〕…号)")
    load.add_argument("--assumed", action="store_true",
                      help="not the official schedule: for demonstrations and tests only, labelled as assumed")
    load.set_defaults(run=cmd_import)
    verbs.add_parser("show", help="the years known and where each comes from").set_defaults(run=cmd_show)
