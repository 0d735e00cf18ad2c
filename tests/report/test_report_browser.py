"""Report pages opened in a real headless Chromium, driven over the DevTools protocol.

Each page of a pack must load with zero failed and zero external requests (only the
file itself and data: URIs), decode every image, log no error, and paint a screenshot
that is not blank. Chromium is spoken to over ``--remote-debugging-pipe`` (fd 3 in,
fd 4 out, NUL-separated JSON), so no extra package is needed.

Where no Chromium is installed the tests skip with the reason; in CI (``CI=true``) they
fail, because .ci/run installs it.
"""

from __future__ import annotations

import base64
import fcntl
import io
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

from storebook.report.pack import browser_command, find_browser, print_pdfs

pytestmark = [pytest.mark.browser, pytest.mark.slow]


class DevTools:
    """A headless Chromium and its DevTools protocol over a pipe."""

    def __init__(self, binary: str) -> None:
        self.profile = Path(tempfile.mkdtemp(prefix="storebook-cdp-"))
        to_chrome_r, to_chrome_w = os.pipe()
        from_chrome_r, from_chrome_w = os.pipe()
        # Move the child's ends above 4 so that placing them on fds 3 and 4 cannot clobber one another.
        child_in = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)
        child_out = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
        for fd in (to_chrome_r, from_chrome_w):
            os.close(fd)

        def place_pipe() -> None:
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        command = browser_command(binary, self.profile) + ["--remote-debugging-pipe", "about:blank"]
        if "--no-sandbox" not in command:
            command.append("--no-sandbox")
        self.proc = subprocess.Popen(command, preexec_fn=place_pipe, pass_fds=(3, 4, child_in, child_out),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(child_in)
        os.close(child_out)
        self.writer, self.reader = to_chrome_w, from_chrome_r
        self.buffer = b""
        self.last_id = 0
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 30) -> dict:
        self.last_id += 1
        message: dict[str, Any] = {"id": self.last_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.writer, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._next(deadline)
            if reply.get("id") == self.last_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, method: str, session: str, since: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == method and e.get("sessionId") == session for e in self.events[since:]):
            self.events.append(self._next(deadline))

    def _next(self, deadline: float) -> dict:
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("Chromium did not answer in time")
            ready, _, _ = select.select([self.reader], [], [], left)
            if ready:
                chunk = os.read(self.reader, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe")
                self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def open_page(self, path: Path) -> dict[str, Any]:
        """Load a page; return its requests, failures, log errors, images and a screenshot."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Network", "Runtime", "Log"):
            self.call(f"{domain}.enable", session=session)
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session=session)
        since = len(self.events)
        self.call("Page.navigate", {"url": path.resolve().as_uri()}, session=session)
        self.wait_for("Page.loadEventFired", session, since)
        time.sleep(0.3)  # late requests (none expected) would show up here
        images = self.call("Runtime.evaluate", {
            "expression": "JSON.stringify(Array.from(document.images).map(i => "
                          "({complete: i.complete, width: i.naturalWidth, src: i.src.slice(0, 40)})))",
            "returnByValue": True}, session=session)["result"]["value"]
        shot = self.call("Page.captureScreenshot", {"format": "png"}, session=session)["data"]
        self.call("Target.closeTarget", {"targetId": target})
        events = [e for e in self.events[since:] if e.get("sessionId") == session]
        return {
            "requests": [e["params"]["request"]["url"] for e in events if e.get("method") == "Network.requestWillBeSent"],
            "failed": [e["params"] for e in events if e.get("method") == "Network.loadingFailed"],
            "errors": [e["params"]["entry"] for e in events if e.get("method") == "Log.entryAdded"
                       and e["params"]["entry"].get("level") == "error"],
            "images": json.loads(images),
            "png": base64.b64decode(shot),
        }

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=5)
        except Exception:  # already gone: nothing to close
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        for fd in (self.writer, self.reader):
            os.close(fd)
        shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture(scope="module")
def chromium() -> str:
    browser = find_browser()
    if browser is None:
        reason = "no headless Chromium (apt-get install chromium, or set STOREBOOK_BROWSER)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the browser test: {reason}; .ci/run installs it")
        pytest.skip(reason)
    return browser


@pytest.fixture(scope="module")
def devtools(chromium: str):
    tools = DevTools(chromium)
    yield tools
    tools.close()


def assert_opens_cleanly(devtools: DevTools, page: Path) -> None:
    from PIL import Image

    seen = devtools.open_page(page)
    external = [u for u in seen["requests"] if not u.startswith(("file:", "data:"))]
    assert external == [], f"{page.name} requested {external}"
    assert seen["failed"] == [], f"{page.name}: failed requests {seen['failed']}"
    assert seen["errors"] == [], f"{page.name}: console errors {seen['errors']}"
    assert seen["requests"][0] == page.resolve().as_uri()
    for image in seen["images"]:
        assert image["complete"] and image["width"] > 0, f"{page.name}: image not decoded {image}"
    picture = Image.open(io.BytesIO(seen["png"])).convert("RGB")
    assert picture.size == (1280, 900)
    colours = picture.getcolors(maxcolors=1 << 20)
    assert colours is not None
    background = max(count for count, _ in colours)
    assert len(colours) > 20 and background < 0.95 * picture.width * picture.height, f"{page.name}: blank screenshot"


def test_fixture_pack_pages_open_offline_in_chromium(devtools: DevTools, fixture_pack: dict) -> None:  # noqa: F811
    pack = fixture_pack["pack"]
    pages = sorted(pack.glob("*.html"))
    assert [p.name for p in pages] == ["broken.html", "index.html", "sales.html", "service.html"]
    for page in pages:
        assert_opens_cleanly(devtools, page)
    images = devtools.open_page(pack / "sales.html")["images"]
    assert len(images) == 1 and images[0]["src"].startswith("data:image/png")


@pytest.mark.notebooks
def test_real_pack_pages_open_offline_in_chromium(devtools: DevTools, real_pack: dict) -> None:  # noqa: F811
    pages = sorted(real_pack["pack"].glob("*.html"))
    assert len(pages) >= 2
    for page in pages:
        assert_opens_cleanly(devtools, page)


def test_pdf_is_printed_with_chromium(chromium: str, fixture_pack: dict, tmp_path: Path) -> None:  # noqa: F811
    page = tmp_path / "sales.html"
    shutil.copy(fixture_pack["pack"] / "sales.html", page)
    messages = print_pdfs([page])
    assert not [m for m in messages if "could not print" in m or "no Chromium" in m], messages
    pdf = page.with_suffix(".pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
