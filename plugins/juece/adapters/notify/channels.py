"""The channels a notice is sent by: the log (always available), e-mail (SMTP) and a webhook for a
government IM platform (a JSON POST). A channel never raises for a failed delivery: it answers
with the outcome and a short reason, for the record. What a server answers is outside input: read
bounded, never followed elsewhere."""

from __future__ import annotations

import json
import logging
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid
from typing import Any, Protocol
from urllib.parse import urlsplit

import httpx

from juece import config
from juece.domain.notices.sent import Outcome
from juece.domain.notices.texts import Notice

ANSWER_MAX = 4096  # bytes of a webhook's answer read, at most


class Channel(Protocol):
    name: str

    def send(self, notice: Notice) -> Outcome: ...


@dataclass
class LogChannel:
    log: Any = logging.getLogger("juece.notices")
    name: str = "log"

    def send(self, notice: Notice) -> Outcome:
        self.log.info("通知 notice to %s (%s): %s\n%s", notice.recipient.called, notice.recipient.user,
                      notice.subject, notice.body)
        return Outcome(True)


@dataclass
class EmailChannel:
    host: str
    port: int
    sender: str
    tls: str = "starttls"  # starttls, ssl or none
    user: str | None = None
    password: str | None = None
    timeout: float = 10.0
    name: str = "email"

    def send(self, notice: Notice) -> Outcome:
        if not notice.recipient.email:
            return Outcome(False, "人员名录中无电子邮箱 no e-mail address in the people directory")
        try:
            with self._connect() as smtp:
                if self.user:
                    smtp.login(self.user, self.password or "")
                smtp.send_message(self.message(notice))
        except (OSError, smtplib.SMTPException, UnicodeError) as error:
            return Outcome(False, f"{type(error).__name__}: {error}")
        return Outcome(True)

    def message(self, notice: Notice) -> EmailMessage:
        message = EmailMessage()
        message["Subject"] = notice.subject
        message["From"] = self.sender
        message["To"] = formataddr((notice.recipient.name, notice.recipient.email))
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = make_msgid(domain=self.sender.rpartition("@")[2] or None)
        message.set_content(notice.body)
        return message

    def _connect(self) -> smtplib.SMTP:
        context = ssl.create_default_context()
        if self.tls == "ssl":
            return smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
        smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        if self.tls == "starttls":
            try:
                smtp.starttls(context=context)
            except BaseException:
                smtp.close()
                raise
        return smtp


@dataclass
class WebhookChannel:
    url: str
    timeout: float = 10.0
    token: str | None = None
    name: str = "webhook"

    def __post_init__(self) -> None:
        if urlsplit(self.url).scheme not in ("http", "https"):
            raise config.ConfigError("JUECE_WEBHOOK_URL 须为 http(s) 地址 must be an http(s) URL")

    def send(self, notice: Notice) -> Outcome:
        if not notice.recipient.im:
            return Outcome(False, "人员名录中无即时通讯账号 no IM id in the people directory")
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        try:
            with httpx.stream("POST", self.url, json=payload(notice), headers=headers, timeout=self.timeout,
                              follow_redirects=False) as answer:
                status, body = answer.status_code, _bounded(answer)
        except httpx.HTTPError as error:
            return Outcome(False, f"{type(error).__name__}: {error}")
        if not 200 <= status < 300:
            return Outcome(False, f"HTTP {status}")
        return _platform_answer(body)


def payload(notice: Notice) -> dict[str, str]:
    """The JSON a platform receives: to whom (IM id), the text, and what it is about."""
    return {"msgtype": "text", "to": notice.recipient.im, "name": notice.recipient.called,
            "title": notice.subject, "text": notice.body, "notice": notice.kind,
            "decision": notice.decision_id, "deadline": notice.deadline, "link": notice.link}


def _bounded(answer: httpx.Response) -> bytes:
    body = b""
    for chunk in answer.iter_bytes():
        body += chunk
        if len(body) >= ANSWER_MAX:
            break
    return body[:ANSWER_MAX]


def _platform_answer(body: bytes) -> Outcome:
    """IM platforms answer 200 with an error code in the JSON when they refuse a message."""
    try:
        data = json.loads(body) if body.strip() else {}
    except (ValueError, RecursionError):
        return Outcome(True)
    code = data.get("errcode", 0) if isinstance(data, dict) else 0
    if code not in (0, "0", None):
        return Outcome(False, f"errcode {str(code)[:20]}: {str(data.get('errmsg', ''))[:100]}")
    return Outcome(True)


def channels_from_settings(log: Any = None) -> list[Channel]:
    """The channels JUECE_NOTIFY_CHANNELS names, in its order."""
    made: list[Channel] = []
    for name in config.notify_channels() or ["log"]:
        made.append(_channel(name, log))
    return made


def _channel(name: str, log: Any) -> Channel:
    if name == "log":
        return LogChannel(log or logging.getLogger("juece.notices"))
    if name == "email":
        smtp = config.smtp()
        return EmailChannel(str(smtp["host"]), int(smtp["port"] or 0), str(smtp["sender"]), str(smtp["tls"]),
                            _opt(smtp["user"]), _opt(smtp["password"]), config.notify_timeout())
    if name == "webhook":
        url = config.webhook_url()
        if not url:
            raise config.ConfigError("JUECE_WEBHOOK_URL 未设置 is not set: the webhook channel needs it")
        return WebhookChannel(url, config.notify_timeout(), config.webhook_token())
    raise config.ConfigError(f"JUECE_NOTIFY_CHANNELS 中的 {name!r} 不是通知渠道（log、email、webhook）"
                             f" is not a channel (log, email, webhook)")


def _opt(value: str | int | None) -> str | None:
    return str(value) if value else None
