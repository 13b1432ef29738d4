"""Security for a dashboard that shows untrusted report text.

Report text is attacker-controlled: templates autoescape it, and the strict
Content-Security-Policy below is the second wall (no inline scripts run even
if an escape were ever missed). Writes are off unless a token is configured,
and then need it as a Bearer header (a header, not a cookie, so no CSRF).
"""

from __future__ import annotations

import hmac

from fastapi import HTTPException, Request

__all__ = ["SecurityHeaders", "CSP", "require_write_token", "LOOPBACK_HOSTS"]

#: The dashboard's policy: only our own files; no inline script, style or eval.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)

#: Host names a loopback-bound server answers to (guards against DNS rebinding).
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")

_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class SecurityHeaders:
    """ASGI middleware adding the security headers to every HTTP response.

    Pure ASGI (not ``BaseHTTPMiddleware``) so it costs nothing per request and
    also covers error pages, static files and the vendored Swagger UI (which
    runs under the same strict policy: its start-up is a file, not inline).
    """

    def __init__(self, app):
        self.app = app
        self.headers = [(b"content-security-policy", CSP.encode()), *_HEADERS]
        self.names = {name for name, _ in self.headers}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = False

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in self.names]
                headers.extend(self.headers)
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            # A bug: answer a bare 500 with our headers (never a traceback), then
            # re-raise so the server logs it.
            if not started:
                await send_with_headers({"type": "http.response.start", "status": 500,
                                         "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
                await send({"type": "http.response.body", "body": b"internal error: see the server log"})
            raise


def require_write_token(request: Request) -> None:
    """Allow a write only with the configured token as ``Authorization: Bearer``.

    No token configured: writes are off (403), whatever the request says.
    """
    token = request.app.state.write_token
    if not token:
        raise HTTPException(403, "writes are disabled: start the server with --allow-writes-token or DETENTE_WEB_TOKEN")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(401, "a valid 'Authorization: Bearer TOKEN' header is needed", headers={"WWW-Authenticate": "Bearer"})
