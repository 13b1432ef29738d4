// Analysts' edit controls (issue 17). The server renders each fact's id in a hidden <span class="curate">;
// when it accepts writes (body[data-writes]) a "Curate" button asks once for the write token (kept in this
// tab only) and then shows, on every fact card and standings cell: hide, a stance picker, verify. Each
// action is one POST /api/corrections with the token as a Bearer header (no cookie, so no CSRF), then
// the page reloads to show the corrected picture. No inline script: the CSP allows only this file.
(function () {
  "use strict";
  var STANCES = ["propose", "demand", "accept", "reject", "unchanged"];
  var KEY = "detente-write-token";

  function token() { return sessionStorage.getItem(KEY); }

  function post(body) {
    var why = window.prompt("Why? (kept in the corrections log)", "") ;
    if (why === null) { return; }
    body.why = why;
    fetch("/api/corrections", {
      method: "POST",
      headers: {"Content-Type": "application/json", "Authorization": "Bearer " + token()},
      body: JSON.stringify(body)
    }).then(function (r) {
      if (r.ok) { window.location.reload(); return; }
      return r.json().then(function (e) {
        if (r.status === 401) { sessionStorage.removeItem(KEY); }
        window.alert("Not saved: " + (typeof e.detail === "string" ? e.detail : JSON.stringify(e.detail)));
      });
    });
  }

  function button(label, cls, onclick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "curate-btn " + cls;
    b.textContent = label;
    b.addEventListener("click", onclick);
    return b;
  }

  function controls(span) {
    var id = span.getAttribute("data-fact");
    if (!id || span.getAttribute("data-ready")) { return; }
    span.setAttribute("data-ready", "1");
    span.appendChild(button("hide", "curate-hide", function () { post({action: "hide", target: id}); }));
    var stance = span.getAttribute("data-stance");
    if (stance) {
      var pick = document.createElement("select");
      pick.className = "curate-stance";
      pick.setAttribute("aria-label", "correct the stance");
      STANCES.forEach(function (s) {
        var o = document.createElement("option");
        o.value = s; o.textContent = s; o.selected = s === stance;
        pick.appendChild(o);
      });
      pick.addEventListener("change", function () {
        post({action: "set", target: id, changes: {stance: pick.value}});
      });
      span.appendChild(pick);
    }
    span.appendChild(button("verify", "curate-verify", function () { post({action: "verify", target: id}); }));
    span.hidden = false;
  }

  function show() {
    document.body.classList.add("curating");
    Array.prototype.forEach.call(document.querySelectorAll("span.curate[data-fact]"), controls);
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!document.body.hasAttribute("data-writes")) { return; }
    var nav = document.querySelector("header.top nav");
    var start = button(token() ? "Curating" : "Curate", "curate-start", function () {
      if (!token()) {
        var given = window.prompt("Write token (from the person running detente serve)", "");
        if (!given) { return; }
        sessionStorage.setItem(KEY, given.trim());
      }
      start.textContent = "Curating";
      show();
    });
    if (nav) { nav.appendChild(start); }
    if (token()) { show(); }
  });
}());
