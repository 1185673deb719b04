"""The juece FastAPI app: the public portal's routers (pages and the comment API, no account
needed, R-B3) and, under Airflow, the sponsor office's, the experts' and the archives' routers,
whose role dependencies refuse a request with the answer the app's refusal handler returns."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse, RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from juece import config
from juece.web import announcement_review as review_pages
from juece.web import (
    announcements,
    archives,
    desk,
    experts,
    hearing_signup,
    launch,
    my_tasks,
    portal,
    public_pages,
    security,
)
from juece.web import legality_review as legality_pages
from juece.web import meeting as meeting_pages
from juece.web import office as office_pages
from juece.web import opinion_dispositions as opinion_pages
from juece.web import passkeys as passkey_pages
from juece.web import risk_register as risk_pages
from juece.web.bounds import BodyLimit
from juece.web.intake import CommentIntake
from juece.web.limits import RateLimiter, proxies_from_environment
from juece.web.refusals import include
from juece.web.security import SecurityHeaders, public_schema_only


def create_app(office: bool = True) -> FastAPI:
    """The portal; ``office=False`` gives the public part alone, for a public-facing process
    of its own (`juece portal`), apart from Airflow's API server."""
    # no Swagger or ReDoc pages: they load scripts from a CDN; the schema lists public routes only
    app = FastAPI(title="juece 决策", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.limiter = RateLimiter()
    app.state.trusted_proxies = proxies_from_environment()  # a bad JUECE_TRUSTED_PROXIES fails here, at start
    app.state.store = None
    app.add_middleware(CommentIntake)  # the JSON comment POST, without FastAPI's request machinery
    app.add_middleware(BodyLimit)  # around the routes: none reads a body past its limit
    app.add_middleware(SecurityHeaders)  # around everything: every answer carries the headers
    include(app, portal.router, public_pages.router, hearing_signup.router, security.router,
            announcements.router)  # and the refusals' handler
    if office:
        include(app, legality_pages.router)  # the legality reviewer's own page (R-E4)
        include(app, passkey_pages.router)  # experts sign in the browser (R-C1)
        include(app, desk.router, launch.router, office_pages.router, review_pages.router, experts.router,
                archives.router, risk_pages.router, my_tasks.router, opinion_pages.router, meeting_pages.router)
    public_schema_only(app)
    return app


def public_server() -> ASGIApp:
    """`juece portal`: the public part alone, at the same addresses as under Airflow; the JSON
    comment POST is answered before the FastAPI app is entered at all, and comments are committed
    by a writer process of its own (``JUECE_PORTAL_WRITER=thread``: a thread, as under Airflow)."""
    public = create_app(office=False)
    public.state.writer_process = config.portal_writer() != "thread"
    return Prefixed("/juece", SecurityHeaders(CommentIntake(public, state=public.state)))


class Prefixed:
    """An app served under a path prefix, as Starlette's Mount does, without a router around it."""

    def __init__(self, prefix: str, app: ASGIApp) -> None:
        self.prefix, self.app = prefix, app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            path = scope["path"]
            if scope["type"] == "http" and path in ("/", self.prefix, self.prefix + "/"):  # the bare address leads to the portal's list
                root = scope.get("root_path", "") + self.prefix
                await RedirectResponse(f"{root}/public/", status_code=302)(scope, receive, send)
                return
            if not path.startswith(self.prefix + "/"):
                await PlainTextResponse("Not Found", status_code=404)(scope, receive, send)
                return
            scope = {**scope, "root_path": scope.get("root_path", "") + self.prefix}
        await self.app(scope, receive, send)


app = create_app()
