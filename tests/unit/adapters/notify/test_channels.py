"""The channels against real servers on loopback: an SMTP sink (aiosmtpd) receives the real
message with its UTF-8 Chinese subject; an HTTP receiver gets the webhook's JSON. A refused
connection, an error answer, a redirect or a silent server is a failed outcome, never an exception."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from email import message_from_bytes
from email.policy import default
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from juece.adapters.notify.channels import (
    EmailChannel,
    LogChannel,
    WebhookChannel,
    channels_from_settings,
)
from juece.config import ConfigError
from juece.domain.notices import texts
from juece.domain.notices.people import Person

WANG = Person("legality_reviewer", "王审查", "wang@example.org", "wang01")
DECISION = texts.Decision("yanshou-2027-urban-001", "延寿县城区控制性详细规划", "Yanshou urban-area plan")
LINK = "http://127.0.0.1:8080/required_actions"


def notice(to: Person = WANG) -> texts.Notice:
    return texts.opened(to, DECISION, "合法性审查 Review the draft's legality", None, LINK)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Sink:
    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's name)
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_sink() -> Iterator[tuple[Sink, int]]:
    sink, port = Sink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield sink, port
    finally:
        controller.stop()


def test_the_email_reaches_the_smtp_server_with_its_chinese_subject(smtp_sink: tuple[Sink, int]) -> None:
    sink, port = smtp_sink
    sent = notice()
    outcome = EmailChannel("127.0.0.1", port, "juece@example.org", tls="none", timeout=5).send(sent)
    assert outcome.delivered, outcome.reason
    [envelope] = sink.envelopes
    assert envelope.mail_from == "juece@example.org" and envelope.rcpt_tos == ["wang@example.org"]
    assert b"=?utf-8?" in envelope.original_content.lower()  # the subject travels MIME-encoded
    message = message_from_bytes(envelope.original_content, policy=default)
    assert message["Subject"] == sent.subject and message["Subject"].startswith("【待办】合法性审查")
    assert message["To"].addresses[0].display_name == "王审查"
    assert message.get_content().strip() == sent.body.strip()


def test_a_refused_smtp_connection_is_a_failed_outcome() -> None:
    outcome = EmailChannel("127.0.0.1", free_port(), "juece@example.org", tls="none", timeout=5).send(notice())
    assert not outcome.delivered and "ConnectionRefused" in outcome.reason


def test_starttls_refused_by_a_server_without_it_fails_without_raising(smtp_sink: tuple[Sink, int]) -> None:
    sink, port = smtp_sink
    outcome = EmailChannel("127.0.0.1", port, "juece@example.org", tls="starttls", timeout=5).send(notice())
    assert not outcome.delivered and "STARTTLS" in outcome.reason and sink.envelopes == []


def test_no_email_address_is_a_failed_outcome_with_the_reason() -> None:
    outcome = EmailChannel("127.0.0.1", free_port(), "juece@example.org", tls="none").send(notice(Person("x")))
    assert not outcome.delivered and "no e-mail address" in outcome.reason


class Receiver(BaseHTTPRequestHandler):
    answers: list[tuple[int, bytes, dict[str, str]]] = []
    received: list[tuple[dict[str, Any], dict[str, str]]] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((json.loads(body), dict(self.headers)))
        status, answer, headers = self.answers.pop(0) if self.answers else (200, b'{"errcode": 0}', {})
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[tuple[type[Receiver], str]]:
    Receiver.answers, Receiver.received = [], []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Receiver, f"http://127.0.0.1:{server.server_address[1]}/hook"
    finally:
        server.shutdown()
        server.server_close()


def test_the_webhook_posts_the_notice_as_json(receiver: tuple[type[Receiver], str]) -> None:
    handler, url = receiver
    sent = notice()
    assert WebhookChannel(url, timeout=5, token="s3cret").send(sent).delivered
    [(data, headers)] = handler.received
    assert data["to"] == "wang01" and data["name"] == "王审查" and data["title"] == sent.subject
    assert data["text"] == sent.body and data["link"] == LINK and data["notice"] == "opened"
    assert headers["Authorization"] == "Bearer s3cret" and headers["Content-Type"] == "application/json"


@pytest.mark.parametrize(("answer", "reason"), [
    ((500, b"boom", {}), "HTTP 500"),
    ((200, b'{"errcode": 40001, "errmsg": "invalid user"}', {}), "errcode 40001: invalid user"),
    ((302, b"", {"Location": "http://127.0.0.1:9/elsewhere"}), "HTTP 302"),
])
def test_an_answer_that_is_no_success_is_a_failed_outcome(receiver: tuple[type[Receiver], str],
                                                           answer: tuple[int, bytes, dict[str, str]],
                                                           reason: str) -> None:
    handler, url = receiver
    handler.answers.append(answer)
    outcome = WebhookChannel(url, timeout=5).send(notice())
    assert not outcome.delivered and outcome.reason == reason
    assert len(handler.received) == 1  # a redirect is not followed


def test_a_long_answer_is_read_bounded(receiver: tuple[type[Receiver], str]) -> None:
    handler, url = receiver
    handler.answers.append((200, b"x" * 2_000_000, {}))
    assert WebhookChannel(url, timeout=5).send(notice()).delivered


def test_refused_and_silent_webhooks_fail_without_raising() -> None:
    refused = WebhookChannel(f"http://127.0.0.1:{free_port()}/hook", timeout=2).send(notice())
    assert not refused.delivered and "ConnectError" in refused.reason
    with socket.socket() as silent:  # accepts the connection, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        outcome = WebhookChannel(f"http://127.0.0.1:{silent.getsockname()[1]}/", timeout=0.5).send(notice())
    assert not outcome.delivered and "Timeout" in outcome.reason
    assert not WebhookChannel("http://127.0.0.1:9/", timeout=1).send(notice(Person("x"))).delivered


def test_the_log_channel_logs_subject_and_body(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("INFO", logger="juece.notices"):
        assert LogChannel().send(notice()).delivered
    assert "王审查" in caplog.text and "合法性审查" in caplog.text


def test_the_channels_come_from_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JUECE_NOTIFY_CHANNELS", raising=False)
    assert [c.name for c in channels_from_settings()] == ["log"]
    monkeypatch.setenv("JUECE_NOTIFY_CHANNELS", "log, EMAIL,webhook,log")
    monkeypatch.setenv("JUECE_WEBHOOK_URL", "https://im.example.org/hook")
    monkeypatch.setenv("JUECE_SMTP_TLS", "none")
    made = channels_from_settings()
    assert [c.name for c in made] == ["log", "email", "webhook"]
    assert isinstance(made[1], EmailChannel) and made[1].tls == "none" and made[1].port == 587
    for bad, said in [("sms", "is not a channel"), ("webhook", None)]:
        monkeypatch.setenv("JUECE_NOTIFY_CHANNELS", bad)
        if said is None:
            monkeypatch.setenv("JUECE_WEBHOOK_URL", "file:///etc/passwd")
            said = "must be an http"
        with pytest.raises(ConfigError, match=said):
            channels_from_settings()
    monkeypatch.setenv("JUECE_NOTIFY_CHANNELS", "email")
    monkeypatch.setenv("JUECE_SMTP_TLS", "maybe")
    with pytest.raises(ConfigError, match="JUECE_SMTP_TLS"):
        channels_from_settings()
