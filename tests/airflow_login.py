"""Airflow's login, stood in for on 127.0.0.1: for tests that run the `juece` command without Airflow.

It answers the two calls the command makes, as Airflow's API server does with SimpleAuthManager:
``POST /auth/token`` with JSON ``{"username", "password"}`` gives ``{"access_token": JWT}`` (HS512,
``sub`` = the user) for a known user and password, 401 otherwise; ``GET /ui/auth/me`` with that
token as ``Authorization: Bearer`` says whose it is, 401 for a token it did not sign. A real HTTP
server, so the command's own client, its errors and its exit codes are what is tested.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class AirflowLogin:
    """The server; ``users`` maps each known user to a password (``add`` makes one up)."""

    def __init__(self) -> None:
        self.users: dict[str, str] = {}
        self.roles: dict[str, str] = {}  # a user's role, signed into the token as SimpleAuthManager does
        self.secret = secrets.token_bytes(32)
        self.calls: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def add(self, user: str) -> str:
        return self.users.setdefault(user, secrets.token_urlsafe(12))

    def token(self, user: str, lifetime: float = 3600) -> str:
        header = _b64(json.dumps({"alg": "HS512", "typ": "JWT"}).encode())
        now = int(time.time())
        body = _b64(json.dumps({"sub": user, "role": self.roles.get(user, "user"), "iat": now, "exp": now + int(lifetime)}).encode())
        return f"{header}.{body}.{self._sign(f'{header}.{body}')}"

    def user_of(self, token: str) -> str | None:
        try:
            header, body, signature = token.split(".")
            claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        except ValueError:
            return None
        if not hmac.compare_digest(signature, self._sign(f"{header}.{body}")) or claims["exp"] < time.time():
            return None
        return str(claims["sub"])

    def _sign(self, text: str) -> str:
        return _b64(hmac.new(self.secret, text.encode(), hashlib.sha512).digest())

    def __enter__(self) -> AirflowLogin:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        login = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                login.calls.append(f"POST {self.path}")
                if self.path != "/auth/token":
                    return self._answer(404, {"detail": "Not Found"})
                try:
                    body = json.loads(self.rfile.read(int(self.headers.get("content-length") or 0)))
                    user, password = str(body["username"]), str(body["password"])
                except (ValueError, KeyError, TypeError):
                    return self._answer(422, {"detail": "username and password are required"})
                if login.users.get(user) != password:
                    return self._answer(401, {"detail": "Invalid credentials"})
                return self._answer(201, {"access_token": login.token(user)})

            def do_GET(self) -> None:  # noqa: N802
                login.calls.append(f"GET {self.path}")
                if self.path != "/ui/auth/me":
                    return self._answer(404, {"detail": "Not Found"})
                scheme, _, token = (self.headers.get("authorization") or "").partition(" ")
                user = login.user_of(token) if scheme.lower() == "bearer" else None
                if user is None:
                    return self._answer(401, {"detail": "Not authenticated"})
                return self._answer(200, {"id": user, "username": user})

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        return Handler
