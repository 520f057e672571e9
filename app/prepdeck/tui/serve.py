"""`prepdeck serve`: the same app in a browser, through textual-serve.

Each browser tab that connects gets its own `prepdeck` process on the same data folder (the store
handles concurrent writers), and closing the tab ends that process. Safe by default:
- it listens on loopback unless `--public` is given, which prints a warning;
- every URL lives under a random token (`http://127.0.0.1:8000/<token>/`); any other path is 403;
- it serves the page, its own scripts and styles, and the terminal's websocket: nothing else, no
  directory listing, nothing from the data folder.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import secrets
import shlex
import signal
import socket
import sys
from pathlib import Path
from typing import Any

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

EXIT_OK = 0
EXIT_USAGE = 2

TEMPLATES = Path(__file__).parent / "web"
# How long a tab's app process gets to quit after its tab closed, before it is ended.
QUIT_GRACE_SECONDS = 3.0

log = logging.getLogger("prepdeck.serve")


def is_loopback(host: str) -> bool:
    """True when every address `host` names is a loopback address (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0]).is_loopback for info in infos)


def app_command(packs: list[str]) -> str:
    """The shell command each tab runs: this same Python and prepdeck, with the server's --pack."""
    words = [sys.executable, "-m", "prepdeck"]
    for pack in packs:
        words += ["--pack", str(Path(pack).resolve())]
    # exec: the shell is replaced by prepdeck, so ending "the tab's process" ends the app itself.
    return "exec " + shlex.join(words)


class TokenServer(Server):
    """textual-serve's server with every route under a secret token and no static index."""

    def __init__(self, command: str, host: str, port: int, token: str) -> None:
        display_host = f"[{host}]" if ":" in host else host
        super().__init__(
            command,
            host=host,
            port=port,
            title="prepdeck",
            public_url=f"http://{display_host}:{port}",
            templates_path=TEMPLATES,
        )
        self.token = token
        self.services: set[AppService] = set()

    @property
    def url(self) -> str:
        return f"{self.public_url}/{self.token}/"

    async def _make_app(self) -> web.Application:
        import aiohttp_jinja2
        import jinja2

        app = web.Application(middlewares=[self._require_token])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        prefix = f"/{self.token}"
        app.add_routes(
            [
                web.get(f"{prefix}/", self.handle_index, name="index"),
                web.get(f"{prefix}/ws", self.handle_websocket, name="websocket"),
                web.static(f"{prefix}/static", self.statics_path, show_index=False, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def _require_token(self, request: web.Request, handler: Any) -> web.StreamResponse:
        first = request.path.lstrip("/").split("/", 1)[0]
        if not secrets.compare_digest(first.encode(), self.token.encode()):
            raise web.HTTPForbidden(text="prepdeck: this address needs the link printed by `prepdeck serve`.")
        response: web.StreamResponse = await handler(request)
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"  # the token never leaves in a Referer
        return response

    def initialize_logging(self) -> None:
        # Warnings only: no access log line for every keystroke's websocket frame.
        logging.basicConfig(level=logging.WARNING, format="prepdeck serve: %(message)s")

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve prints its logo here; prepdeck speaks once it listens (see serve)."""

    def serve(self, debug: bool = False) -> None:
        """Listen until ctrl+c; the address is printed only once the port is open."""
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for stop_signal in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):  # Windows has no signal handlers
                loop.add_signal_handler(stop_signal, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=lambda _message: self._announce(),
        )

    def _announce(self) -> None:
        print(f"prepdeck is served at {self.url}", flush=True)
        print("Open that address in a browser; press ctrl+c here to stop.", flush=True)

    async def on_shutdown(self, app: web.Application) -> None:
        await asyncio.gather(*(self._end(service) for service in list(self.services)))

    async def _end(self, service: AppService) -> None:
        """Ask a tab's app to quit; end its process if it has not quit in time."""
        process = service._process
        with contextlib.suppress(Exception):
            await asyncio.wait_for(service.stop(), QUIT_GRACE_SECONDS)
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(process.wait(), QUIT_GRACE_SECONDS)
        self.services.discard(service)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab: start its app process, relay until the tab closes, then end the process."""
        from textual_serve.server import to_int

        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: AppService | None = None

        async def close_tab() -> None:  # AppService awaits None; aiohttp's close returns a bool
            await websocket.close()

        try:
            await websocket.prepare(request)
            service = AppService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close_tab,
                download_manager=self.download_manager,
                debug=False,
            )
            self.services.add(service)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # noqa: BLE001 - one broken tab must not stop the server
            log.warning("a browser tab ended with an error: %s", error)
        finally:
            if service is not None:
                await self._end(service)
        return websocket


def run(args: Any) -> int:
    """The `prepdeck serve` command."""
    host: str = args.host
    if not args.public and not is_loopback(host):
        print(
            f"prepdeck serve: {host} is not a loopback address; anyone who reaches it could study as "
            "you, with your data. Add --public if that is what you want.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.public and not is_loopback(host):
        print(
            f"prepdeck serve: WARNING: listening on {host}. Anyone who can reach this port and has the "
            "link studies as you, with your progress and drafts.",
            file=sys.stderr,
        )
    token = secrets.token_urlsafe(18)
    server = TokenServer(app_command(list(args.pack or [])), host=host, port=args.port, token=token)
    try:
        server.serve()
    except OSError as error:
        print(
            f"prepdeck serve: cannot listen on {host}:{args.port}: {error.strerror or error}", file=sys.stderr
        )
        return EXIT_USAGE
    return EXIT_OK
