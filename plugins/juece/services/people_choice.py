"""The people and groups a form offers for a role, each named by name and role, never by id.

They come from the people directory (JUECE_PEOPLE_FILE: names, and the groups with their display
names) and, where the web layer can list them, from Airflow's auth manager (``auth_users``): a user
the auth manager knows but the directory does not is offered by id, marked as having no name on
file. The form's server side checks what is posted against the same list."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from juece.adapters.auth_users import AuthUser
from juece.adapters.notify.groups import groups_from_settings
from juece.adapters.notify.people import directory_from_settings
from juece.adapters.notify.people_file import PeopleFileError
from juece.domain.groups import Group
from juece.domain.notices.people import Person
from juece.spec.roles import group_name

Words = tuple[str, str]  # (Chinese, English)
NO_NAME = ("未登记姓名", "no name on file")


@dataclass(frozen=True)
class Choice:
    value: str  # what the form posts: a user id or ``group:<name>``; never shown
    zh: str  # 陈静（合法性审查人）
    en: str  # 陈静, legality reviewer
    group: bool = False
    named: bool = True  # False: known by id alone, no name on file

    @property
    def label(self) -> str:
        """How an option reads: "陈静（合法性审查人）/ 陈静, legality reviewer"."""
        if self.en == self.zh:
            return self.zh  # a name with no role to say beside it
        return f"{self.zh}{'/ ' if self.zh.endswith('）') else ' / '}{self.en}"

    @property
    def english(self) -> str:
        """The English alone, as a sentence names them: one without a name by the id."""
        return self.en if self.named else f"{self.value} {self.en}"


@dataclass(frozen=True)
class Offered:
    people: tuple[Choice, ...] = ()
    groups: tuple[Choice, ...] = ()

    def has(self, value: str, groups: bool = False) -> bool:
        """Whether ``value`` is offered: a person, or with ``groups`` a group too."""
        return any(one.value == value for one in (*self.people, *(self.groups if groups else ())))

    def called(self, value: str) -> Choice:
        """A person or group as a page names them; one not offered by id, marked as having no name."""
        found = next((one for one in (*self.people, *self.groups) if one.value == value), None)
        if found is None and (name := group_name(value)) is not None:
            return _group(Group(name, ()))
        return found or _unnamed(value, ())


def offered_people(held: Mapping[str, Sequence[Words]] | None = None, also: Iterable[str] = (),
                   auth_users: Iterable[AuthUser] = ()) -> Offered:
    """Everyone a form may name: the directory's people in its order, then the auth manager's users
    it does not know, then ``also`` (a template's own choices), each once; and the directory's
    groups. ``held`` gives the roles a user holds (in words) to name them by beside their name."""
    held = held or {}
    people, groups = _directory()
    ids = list(people) + [one.user for one in auth_users]
    wanted = [value for value in also if value]
    ids += [value for value in wanted if group_name(value) is None]
    for value in wanted:
        name = group_name(value)
        if name is not None and name not in groups:
            groups[name] = Group(name, ())  # the template's own group: offered as it names it
    member_of = _memberships(groups.values())
    chosen = [_person(user, people.get(user), [*held.get(user, ()), *member_of.get(user, ())])
              for user in dict.fromkeys(ids)]
    return Offered(tuple(chosen), tuple(_group(group) for group in groups.values()))


def _directory() -> tuple[dict[str, Person], dict[str, Group]]:
    """The directory's people and groups; a directory refused (its error shown elsewhere) gives none."""
    try:
        people = {user: one for user, one in directory_from_settings().items() if group_name(user) is None}
        return people, dict(groups_from_settings())
    except PeopleFileError:
        return {}, {}


def _memberships(groups: Iterable[Group]) -> dict[str, list[Words]]:
    found: dict[str, list[Words]] = {}
    for group in groups:
        for member in group.members:
            found.setdefault(member, []).append((group.zh or group.name, group.en or group.zh or group.name))
    return found


def _person(user: str, person: Person | None, roles: Sequence[Words]) -> Choice:
    if person is None or not person.name:
        return _unnamed(user, roles)
    roles = list(dict.fromkeys(roles))
    if not roles:
        return Choice(user, person.name, person.name)
    return Choice(user, f"{person.name}（{'、'.join(zh for zh, _ in roles)}）",
                  f"{person.name}, {', '.join(en for _, en in roles)}")


def _unnamed(user: str, roles: Sequence[Words]) -> Choice:
    """One the directory does not name: by id, said to have no name on file."""
    roles = list(dict.fromkeys(roles))
    zh, en = NO_NAME
    if roles:
        zh, en = f"{zh}；{'、'.join(z for z, _ in roles)}", f"{en}; {', '.join(e for _, e in roles)}"
    return Choice(user, f"{user}（{zh}）", f"({en})", named=False)


def _group(group: Group) -> Choice:
    count = len(group.members)
    zh_name, en_name = group.zh or group.called, group.en or group.zh or group.called
    return Choice(group.role, f"{zh_name}（{count}人）", f"{en_name} ({count} {'person' if count == 1 else 'people'})",
                  group=True)
