"""Security for a dashboard that shows untrusted report text.

Report text is attacker-controlled: templates autoescape it, and the strict
Content-Security-Policy below is the second wall (no inline scripts run even
if an escape were ever missed). Writes are off unless a token is configured,
and then need it as a Bearer header (a header, not a cookie, so no CSRF).
"""

from __future__ import annotations

import hmac

from fastapi import HTTPException, Request

__all__ = ["SecurityHeaders", "CSP", "DOCS_CSP", "require_write_token", "LOOPBACK_HOSTS"]

#: The dashboard's policy: only our own files; no inline script, style or eval.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
#: The vendored Swagger UI sets style attributes from script; scripts stay strict.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

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
    also covers error pages and static files.
    """

    def __init__(self, app, *, docs_paths: tuple[str, ...] = ("/docs",)):
        self.app = app
        self.docs_paths = docs_paths

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope.get("path") in self.docs_paths else CSP

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-security-policy"]
                headers.append((b"content-security-policy", csp.encode()))
                headers.extend(_HEADERS)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


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
