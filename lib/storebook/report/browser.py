"""Headless Chromium for the pack: finding it, and speaking its DevTools protocol over a pipe.

The pack prints its PDFs (:mod:`storebook.report.pdf`) and the browser tests check its pages
(tests/test_report_browser.py) through :class:`DevTools`: Chromium started with
``--remote-debugging-pipe`` reads NUL-separated JSON on fd 3 and writes on fd 4, so no
package and no network port is needed.

with DevTools(find_browser()) as chrome:
    tab = chrome.open(Path("outputs/2026-11/en/index.html"))
    chrome.evaluate(tab, "document.title")
'Lumen & Loom · Monthly report pack 2026-11'
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Browsers tried, in order (STOREBOOK_BROWSER names one explicitly).
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
#: The width the department reads the pack at: a laptop screen.
SCREEN_WIDTH = 1280

_FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
</fontconfig>
"""


def find_browser() -> str | None:
    """The headless Chromium to use: ``STOREBOOK_BROWSER``, else the first on PATH."""
    explicit = os.environ.get("STOREBOOK_BROWSER")
    if explicit:
        return explicit if Path(explicit).is_file() or shutil.which(explicit) else None
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def browser_command(browser: str, profile: Path) -> list[str]:
    """Chromium's command line for a quiet, offline, headless run."""
    command = [browser, "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={profile}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
    return command


def font_environment(profile: Path) -> dict[str, str]:
    """The environment for Chromium with the Chinese font of the mplfonts wheel added.

    The charts already use that font (storebook.report.plots); without it a machine with
    no Chinese font of its own prints every Chinese character of a PDF as a box.

    Args:
        profile: a scratch folder for the fontconfig file and its cache.
    Returns:
        A copy of ``os.environ`` with ``FONTCONFIG_FILE`` set (unchanged without mplfonts).
    """
    env = dict(os.environ)
    try:
        from storebook.report.plots import cjk_font_path

        fonts = cjk_font_path().parent
    except (ImportError, RuntimeError):
        return env
    conf = profile / "fonts.conf"
    conf.write_text(_FONTS_CONF.format(fonts=fonts, cache=profile / "fontcache"), encoding="utf-8")
    env["FONTCONFIG_FILE"] = str(conf)
    return env


@dataclass
class Tab:
    """One open page: its target and its DevTools session, and the index of its first event."""

    target: str
    session: str
    since: int


class DevTools:
    """A headless Chromium and its DevTools protocol over a pipe.

    Args:
        binary: the browser (:func:`find_browser`).
        timeout: seconds to wait for any one answer.
    """

    def __init__(self, binary: str, timeout: float = 60) -> None:
        self.timeout = timeout
        self.profile = Path(tempfile.mkdtemp(prefix="storebook-cdp-"))
        to_chrome_r, to_chrome_w = os.pipe()
        from_chrome_r, from_chrome_w = os.pipe()
        # Move the child's ends above 4 so that placing them on fds 3 and 4 cannot clobber one
        # another; close-on-exec, so that only the copies on 3 and 4 reach Chromium.
        child_in = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD_CLOEXEC, 10)
        child_out = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD_CLOEXEC, 10)
        for fd in (to_chrome_r, from_chrome_w):
            os.close(fd)

        def place_pipe() -> None:
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        command = browser_command(binary, self.profile) + ["--remote-debugging-pipe", "about:blank"]
        if "--no-sandbox" not in command:
            command.append("--no-sandbox")
        # Not pass_fds=(3, 4): Python makes those inheritable before preexec_fn runs, which fails
        # where the parent has no fd 3 or 4 open; dup2 leaves 3 and 4 inheritable by itself.
        # Every other fd Python opens is close-on-exec (PEP 446), so close_fds=False leaks none.
        self.proc = subprocess.Popen(command, preexec_fn=place_pipe, close_fds=False,  # noqa: PLW1509
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     env=font_environment(self.profile))
        os.close(child_in)
        os.close(child_out)
        self.writer, self.reader = to_chrome_w, from_chrome_r
        self.buffer = b""
        self.last_id = 0
        self.events: list[dict[str, Any]] = []

    def __enter__(self) -> DevTools:
        return self

    def __exit__(self, *_: Any) -> None:
        self.close()

    def call(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float | None = None) -> dict:
        """Send one command and return its result (events that arrive meanwhile are kept).

        Raises:
            RuntimeError: Chromium answered with an error, or closed the pipe.
            TimeoutError: no answer in time.
        """
        self.last_id += 1
        message: dict[str, Any] = {"id": self.last_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.writer, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            reply = self._next(deadline)
            if reply.get("id") == self.last_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, method: str, session: str, since: int, timeout: float | None = None) -> None:
        """Wait until the event ``method`` of ``session`` has arrived (after event ``since``)."""
        deadline = time.monotonic() + (timeout or self.timeout)
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

    def open(self, path: Path, *, width: int = SCREEN_WIDTH, height: int = 900,
             domains: tuple[str, ...] = ("Page", "Runtime")) -> Tab:
        """Open a file in a new tab at ``width`` × ``height`` CSS pixels and wait for it to load."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in dict.fromkeys(("Page", *domains)):
            self.call(f"{domain}.enable", session=session)
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=session)
        since = len(self.events)
        self.call("Page.navigate", {"url": path.resolve().as_uri()}, session=session)
        self.wait_for("Page.loadEventFired", session, since)
        return Tab(target, session, since)

    def evaluate(self, tab: Tab, expression: str) -> Any:
        """The value of a JavaScript expression in the tab (JSON-able values only).

        Raises:
            RuntimeError: the expression threw.
        """
        reply = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=tab.session)
        if "exceptionDetails" in reply:
            raise RuntimeError(f"the page's script failed: {reply['exceptionDetails'].get('text')} "
                               f"{reply['exceptionDetails'].get('exception', {}).get('description', '')}")
        return reply["result"].get("value")

    def media(self, tab: Tab, media: str) -> None:
        """Lay the tab out for ``print`` or ``screen``."""
        self.call("Emulation.setEmulatedMedia", {"media": media}, session=tab.session)

    def events_of(self, tab: Tab) -> list[dict[str, Any]]:
        """The events the tab has sent since it opened."""
        return [e for e in self.events[tab.since:] if e.get("sessionId") == tab.session]

    def close_tab(self, tab: Tab) -> None:
        self.call("Target.closeTarget", {"targetId": tab.target})

    def close(self) -> None:
        """Close the browser and remove its profile."""
        try:
            self.call("Browser.close", timeout=5)
        except Exception:  # already gone: nothing to close
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        for fd in (self.writer, self.reader):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)
