"""The crafted hostile report the web tests ingest: markup and scripts in title and text."""

from __future__ import annotations

#: A report whose title and text carry markup and scripts: they must show as text.
XSS_ID = "xss-2026-02-10-crafted"
XSS_TITLE = '<script>window.__pwned = 1; document.title = "pwned"</script> Talks <b>resume</b> in Geneva'
XSS_SCRIPT = '<script>window.__pwned = 2; document.title = "pwned"</script>'
XSS_TEXT = (
    "Kremlin spokesman Dmitry Peskov said on Tuesday that Russia rejects a ceasefire in Ukraine. "
    + XSS_SCRIPT
    + ' <img src=x onerror="window.__pwned = 3"> Ukrainian negotiator Rustem Umerov said: '
    '"We are ready to meet <b>anywhere</b>." Russia and Ukraine agreed to exchange 300 prisoners of war.'
)
XSS_DOC = {
    "id": XSS_ID, "title": XSS_TITLE, "source": "<i>Crafted</i>", "published": "2026-02-10",
    "url": "javascript:window.__pwned=4", "text": XSS_TEXT,
}
