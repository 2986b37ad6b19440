"""Running the web application: `kronika serve` checks where it may listen, then runs uvicorn."""
from __future__ import annotations

import ipaddress
import os

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def is_loopback(host: str) -> bool:
    """Whether `host` names only this machine (127.0.0.0/8, ::1, localhost)."""
    host = host.strip().strip("[]")
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse (ValueError with the reason) to listen on a non-loopback address without a token, or with an
    empty one: anyone who can reach that address could read the store."""
    if token is not None and not token.strip():
        raise ValueError("--token must not be empty")
    if not is_loopback(host) and not token:
        raise ValueError(f"serving on {host} (not this machine only) needs --token TOKEN; "
                         "every request must then carry it (Authorization: Bearer TOKEN or ?token=TOKEN)")


def serve(db: str | os.PathLike[str], host: str = "127.0.0.1", port: int = 8765, token: str | None = None,
          log_level: str = "info") -> None:
    """Serve the store at `db` (read-only) on host:port until interrupted. Raises ValueError for a bind that
    needs a token (see check_bind) and StoreError for a file that is not a kronika store."""
    import uvicorn

    from kronika.web.app import create_app

    check_bind(host, token)
    app = create_app(db, token=token)
    uvicorn.run(app, host=host, port=port, log_level=log_level, proxy_headers=False, server_header=False)


def url_for(host: str, port: int, token: str | None = None) -> str:
    """The address to open in a browser (with ?token= when there is one)."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
