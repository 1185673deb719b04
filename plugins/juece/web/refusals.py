"""A request refused before its handler runs: a role dependency (the sponsor office, an expert, a
signed-in reader) raises :class:`Refused` with the bilingual answer that says why, and the app
answers it as it is (:func:`answer_refusal`), so the status, page and headers are the ones the
dependency built; the security headers are added around it like around any other answer."""

from __future__ import annotations

from typing import cast

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
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


async def answer_invalid(request: Request, invalid: Exception) -> Response:
    """A parameter of the wrong type (a page or a version that is not a number): refused in both
    languages, naming the parameter, as every other refusal (not FastAPI's English list)."""
    errors = cast(RequestValidationError, invalid).errors()
    names = sorted({str(error.get("loc", ("",))[-1])[:40] for error in errors})
    named = ", ".join(names) or "?"
    return problem(request, 422, None, f"请求参数有误：{named}", f"invalid request parameter: {named}",
                   field=names[0] if len(names) == 1 else None)


def include(app: FastAPI, *routers: APIRouter) -> None:
    """The routers on ``app``, with their refusals answered (an app built here or by a test)."""
    app.add_exception_handler(Refused, answer_refusal)
    app.add_exception_handler(RequestValidationError, answer_invalid)
    for router in routers:
        app.include_router(router)
