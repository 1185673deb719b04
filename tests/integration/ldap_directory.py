"""A throwaway OpenLDAP directory for the sign-in tests: Debian's `slapd` on a free loopback port,
its configuration, database and pid file in a temporary folder (no system service), holding a few
fictional people of an example county and their groups. The `memberof` overlay gives each person
the `memberOf` attribute FAB maps to Airflow roles; entries are added over LDAP (not `slapadd`) so
that the overlay sees them."""

from __future__ import annotations

import secrets
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from juece.demo.stack import stop_group

SLAPD = Path("/usr/sbin/slapd")
SUFFIX = "dc=example,dc=org"
ADMIN_DN = f"cn=admin,{SUFFIX}"
PEOPLE = f"ou=people,{SUFFIX}"
GROUPS = f"ou=groups,{SUFFIX}"
READER_DN = f"cn=airflow-reader,ou=services,{SUFFIX}"

# uid -> (given name, surname, the groups the person is a member of)
PERSONS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "zhao.lei": ("Lei", "Zhao", ("sponsor-offices",)),
    "zhou.jie": ("Jie", "Zhou", ("experts",)),
    "qian.min": ("Min", "Qian", ("archivists",)),
    "sun.hao": ("Hao", "Sun", ("administrators",)),
    "li.wei": ("Wei", "Li", ("canteen",)),  # a real group, but one no Airflow role is mapped from
}

CONFIG = """\
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload memberof
pidfile {home}/slapd.pid
database mdb
maxsize 10485760
suffix "{suffix}"
rootdn "{admin}"
rootpw {password}
directory {home}/data
overlay memberof
access to attrs=userPassword by anonymous auth by self read by * none
access to * by dn.exact="{reader}" read by self read by * none
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def dn(uid: str) -> str:
    return f"uid={uid},{PEOPLE}"


def group_dn(cn: str) -> str:
    return f"cn={cn},{GROUPS}"


def entry(name: str, attributes: list[tuple[str, str]]) -> str:
    return "\n".join([f"dn: {name}", *(f"{key}: {value}" for key, value in attributes)]) + "\n"


@dataclass
class Directory:
    """One slapd in `home`, its process group stopped by `stop` whatever happened."""

    home: Path
    port: int = field(default_factory=free_port)
    admin_password: str = field(default_factory=lambda: secrets.token_urlsafe(12))
    reader_password: str = field(default_factory=lambda: secrets.token_urlsafe(12))
    persons: dict[str, tuple[str, str, tuple[str, ...]]] = field(default_factory=lambda: dict(PERSONS))
    passwords: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None

    def __post_init__(self) -> None:
        self.passwords = {uid: self.passwords.get(uid) or secrets.token_urlsafe(12) for uid in self.persons}

    @property
    def url(self) -> str:
        return f"ldap://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> None:
        (self.home / "data").mkdir(parents=True, exist_ok=True)
        conf = self.home / "slapd.conf"
        conf.write_text(CONFIG.format(home=self.home, suffix=SUFFIX, admin=ADMIN_DN, reader=READER_DN,
                                      password=self.admin_password), encoding="utf-8")
        conf.chmod(0o600)
        log = (self.home / "slapd.log").open("ab")
        # -d keeps slapd in the foreground (it does not detach), so its pid is the one to stop
        self.process = subprocess.Popen([str(SLAPD), "-f", str(conf), "-h", f"{self.url}/", "-d", "0"],
                                        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"slapd exited early; see {self.home / 'slapd.log'}")
            if self._answers():
                self.load()
                return
            time.sleep(0.2)
        raise RuntimeError(f"slapd did not answer on {self.url} within {timeout:.0f} s")

    def _answers(self) -> bool:
        done = subprocess.run(["ldapsearch", "-x", "-H", self.url, "-D", ADMIN_DN, "-w", self.admin_password,
                               "-s", "base", "-b", "", "(objectClass=*)"], capture_output=True, check=False)
        return done.returncode == 0

    def ldif(self) -> str:
        """The county's directory: its units, the reader account, the people, then their groups."""
        parts = [entry(SUFFIX, [("objectClass", "dcObject"), ("objectClass", "organization"),
                                ("o", "Example County"), ("dc", "example")])]
        for unit in ("people", "groups", "services"):
            parts.append(entry(f"ou={unit},{SUFFIX}", [("objectClass", "organizationalUnit"), ("ou", unit)]))
        parts.append(entry(READER_DN, [("objectClass", "organizationalRole"), ("objectClass", "simpleSecurityObject"),
                                       ("cn", "airflow-reader"), ("userPassword", self.reader_password)]))
        for uid, (given, surname, _) in self.persons.items():
            parts.append(entry(dn(uid), [("objectClass", "inetOrgPerson"), ("uid", uid), ("cn", f"{given} {surname}"),
                                         ("givenName", given), ("sn", surname), ("mail", f"{uid}@example.org"),
                                         ("userPassword", self.passwords[uid])]))
        for cn in sorted({g for *_, groups in self.persons.values() for g in groups}):
            members = [("member", dn(uid)) for uid, (*_, groups) in self.persons.items() if cn in groups]
            parts.append(entry(group_dn(cn), [("objectClass", "groupOfNames"), ("cn", cn), *members]))
        return "\n".join(parts)

    def load(self) -> None:
        self.modify(self.ldif(), add=True)

    def modify(self, ldif: str, add: bool = False) -> None:
        """Apply LDIF as the directory's administrator (`ldapadd` when adding entries)."""
        command = ["ldapmodify", *(["-a"] if add else []), "-x", "-H", self.url, "-D", ADMIN_DN,
                   "-w", self.admin_password]
        done = subprocess.run(command, input=ldif.encode(), capture_output=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"ldapmodify failed: {done.stderr.decode(errors='replace')}")

    def join(self, uid: str, cn: str) -> None:
        """Add a person to a group, as the directory's keepers would."""
        self.modify(f"dn: {group_dn(cn)}\nchangetype: modify\nadd: member\nmember: {dn(uid)}\n")

    def leave(self, uid: str, cn: str) -> None:
        """Take a person out of a group (one that keeps other members)."""
        self.modify(f"dn: {group_dn(cn)}\nchangetype: modify\ndelete: member\nmember: {dn(uid)}\n")

    def stop(self) -> None:
        stop_group(self.process, grace=15)
