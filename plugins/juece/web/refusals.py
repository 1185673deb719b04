"""A request refused before its handler runs: a role dependency (the sponsor office, an expert, a
signed-in reader) raises :class:`Refused` with the bilingual answer that says why, and the app
answers it as it is (:func:`answer_refusal`), so the status, page and headers are the ones the
dependency built; the security headers are added around it like around any other answer."""

from __future__ import annotations

from typing import cast

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response

from juece.web.common import problem


class Refused(Exception):
    """The request is refused; ``response`` is the answer the person gets."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status_code)
        self.response = response


def refuse(request: Request, status: int, rule: str | None, zh: str, en: str) -> Refused:
    """The refusal as `common.problem` words it (JSON or a page), to raise."""
    return Refused(problem(request, status, rule, zh, en))


async def answer_refusal(_request: Request, refused: Exception) -> Response:
    """The exception handler: the answer the refusal carries, unchanged."""
    return cast(Refused, refused).response


def include(app: FastAPI, *routers: APIRouter) -> None:
    """The routers on ``app``, with their refusals answered (an app built here or by a test)."""
    app.add_exception_handler(Refused, answer_refusal)
    for router in routers:
        app.include_router(router)
