"""A live server (uvicorn in a thread, 127.0.0.1, free port) over the demo library, and Debian's chromium.

The app, its runtime and the browser are shared by the whole session; each test
gets a fresh browser context (so its own cookies).
"""

from __future__ import annotations

import datetime as dt
import html
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from indexing.embedder import SentenceTransformerEmbedder
from service.api.app import create_app
from service.demo import load_sample_assets
from service.recommend.pipeline import recommend
from service.runtime import Runtime
from service.schemas.activity import FeedbackIn, ObjectionIn, ObjectionsIn, OutcomeIn
from service.schemas.keys import KeyIn
from service.schemas.recommendations import ProspectIn, RecommendationRequest
from service.settings import Settings
from service.usecases.activity import log_feedback, log_objections, log_outcome
from service.usecases.assets import bulk_upsert
from service.usecases.keys import create_key

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ADMIN_KEY = "pages-admin-key"

# Objections reps "heard" over the last eight weeks: themes the demo library answers and themes it does not.
HEARD = [
    ("we need FedRAMP authorization before we can buy", 10),
    ("we only run software on-premise in our own data center", 8),
    ("legal needs a HIPAA BAA signed before any PHI is shared", 7),
    ("our approvers need face ID on an iPhone app", 6),
    ("the board wants SAP ECC support for our plants", 5),
    ("procurement asked for a VPAT accessibility conformance report for WCAG", 4),
    ("it's too expensive for our budget this year", 5),
    ("our ERP already handles accounts payable", 4),
]
SAID = ["", ", they said", " - hard requirement", ", per the CFO"]


@dataclass(frozen=True)
class LiveServer:
    """The running app: its address, runtime and keys of each role, and a stand-in CRM.

    The CRM page (``/record?src=<sidebar url>``) frames the sidebar. It is served
    on loopback too (Chrome blocks public pages from framing local servers): as
    ``crm_origin`` (``http://localhost:<port>``, allowed to frame the sidebar) and
    as ``other_origin`` (``http://127.0.0.1:<port>``, a site that is not).
    """

    url: str
    app: FastAPI
    runtime: Runtime
    keys: dict[str, str]
    crm_origin: str
    other_origin: str


class _CrmPage(BaseHTTPRequestHandler):
    """A CRM record page with the sidebar in an iframe, 400 px wide."""

    def do_GET(self) -> None:
        src = parse_qs(urlsplit(self.path).query).get("src", [""])[0]
        body = (
            "<!doctype html><html lang=en><head><title>CRM record</title></head><body>"
            "<h1>Opportunity: Mercy Health</h1>"
            f'<iframe title="Pitchwise" src="{html.escape(src)}" width="400" height="900"></iframe>'
            "</body></html>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        """Quiet."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _seed_objections(runtime: Runtime) -> None:
    """Log the heard objections spread over past weeks, so the gap report has themes and trends."""
    now = dt.datetime.now(dt.UTC)
    entries = []
    for i, (text, extra) in enumerate(HEARD):
        for n in range(extra):
            entries.append(
                ObjectionIn(
                    text=text + SAID[n % len(SAID)],
                    industry=["Healthcare", "Public sector", "Manufacturing"][(i + n) % 3],
                    title=["CFO", "VP Finance", "IT Director", "Controller"][(i + n) % 4],
                    stage=["Discovery", "Proposal", "Negotiation"][n % 3],
                    logged_at=now - dt.timedelta(days=(n * 5 + i) % 55, hours=n),
                )
            )
    log_objections(runtime, ObjectionsIn(objections=entries))


def _seed_usage(runtime: Runtime) -> None:
    """A few sidebar requests with feedback and deal outcomes, so the usage report has numbers."""
    prospects = [
        ("Healthcare", "CFO", "Proposal", ["cfo says too pricey"], "opp-1", "won"),
        ("Manufacturing", "Controller", "Discovery", ["our ERP already does AP"], "opp-2", "lost"),
        ("Retail", "IT Director", "Demo", ["worried about security review"], "opp-3", "won"),
        ("Logistics", "AP Manager", "Negotiation", ["implementation will take too long"], "opp-4", None),
    ]
    for industry, title, stage, objections, opportunity, outcome in prospects:
        request = RecommendationRequest(
            prospect=ProspectIn(
                industry=industry, title=title, stage=stage, objections=objections, opportunity_id=opportunity
            ),
            limit=5,
        )
        response = recommend(runtime, request)
        for rank, rec in enumerate(response.recommendations[:3]):
            actions = ["sent", "helpful"] if rank == 0 else ["opened"] if rank == 1 else ["not_helpful"]
            for action in actions:
                log_feedback(
                    runtime,
                    FeedbackIn(
                        request_id=response.request_id,
                        external_id=rec.asset.external_id,
                        action=action,  # type: ignore[arg-type]
                        opportunity_id=opportunity,
                    ),
                )
        if outcome:
            log_outcome(runtime, OutcomeIn(opportunity_id=opportunity, outcome=outcome, amount=48000))


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory, embedder: SentenceTransformerEmbedder) -> Iterator[LiveServer]:
    """uvicorn serving the app on a free loopback port, with the demo library and seeded objections."""
    data_dir = tmp_path_factory.mktemp("pages")

    def load_demo(runtime: Runtime) -> None:
        result = bulk_upsert(runtime, load_sample_assets())
        assert not result.errors, result.errors
        _seed_objections(runtime)
        _seed_usage(runtime)

    crm = ThreadingHTTPServer(("127.0.0.1", 0), _CrmPage)
    crm_port = crm.server_address[1]
    threading.Thread(target=crm.serve_forever, name="pages-crm", daemon=True).start()
    settings = Settings(
        data_dir=data_dir,
        database_url=f"sqlite:///{data_dir / 'pages.db'}",
        admin_key=ADMIN_KEY,
        frame_ancestors=[f"http://localhost:{crm_port}"],
    )
    app = create_app(settings, embedder=embedder, on_ready=load_demo)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="pages-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 300
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the page test server did not start")
        time.sleep(0.05)
    runtime: Runtime = app.state.runtime
    keys = {
        role: create_key(runtime.factory, KeyIn(name=f"pages {role}", role=role)).key for role in ("rep", "marketing")
    }
    keys["admin"] = ADMIN_KEY
    try:
        yield LiveServer(
            url=f"http://127.0.0.1:{port}",
            app=app,
            runtime=runtime,
            keys=keys,
            crm_origin=f"http://localhost:{crm_port}",
            other_origin=f"http://127.0.0.1:{crm_port}",
        )
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        crm.shutdown()


@pytest.fixture
def client(live: LiveServer) -> TestClient:
    """A signed-out in-process client of the live app (the server's runtime; no lifespan of its own)."""
    return TestClient(live.app, base_url="http://testserver")


@pytest.fixture
def signed_in(live: LiveServer) -> Callable[[str], TestClient]:
    """A new in-process client signed in (page cookie) with a key of the given role."""

    def sign_in(role: str) -> TestClient:
        session = TestClient(live.app, base_url="http://testserver")
        response = session.post("/sign-in", data={"key": live.keys[role], "next": "/"}, follow_redirects=False)
        assert response.status_code == 303, response.text
        assert session.cookies.get("pw_session")
        return session

    return sign_in


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots and measurements go (gitignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium, headless, driven by Playwright (never a downloaded browser)."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: run scripts/ensure-chromium.sh (make test does)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_page(browser: Any, live: LiveServer) -> Iterator[Callable[..., Any]]:
    """Open pages in fresh contexts on the live server; every dialog (alert) is recorded, and fails the test."""
    contexts: list[Any] = []
    dialogs: list[str] = []

    def open_page(*, width: int = 1280, height: int = 900, **options: Any) -> Any:
        context = browser.new_context(viewport={"width": width, "height": height}, base_url=live.url, **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)

        def on_dialog(dialog: Any) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not dialogs, f"a dialog fired: {dialogs}"


def sign_in(page: Any, key: str, *, path: str = "/") -> None:
    """Sign in through the form (the browser follows the redirect back to ``path``)."""
    page.goto(path)
    page.wait_for_url("**/sign-in?**")
    page.fill("input[name=key]", key)
    page.press("input[name=key]", "Enter")
    page.wait_for_load_state()
