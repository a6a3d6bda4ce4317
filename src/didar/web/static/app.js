// didar: explain a highlight on click or keyboard focus (no inline scripts: CSP script-src 'self').
"use strict";
(function () {
  function show(mark) {
    var panel = document.getElementById("fact-detail");
    if (!panel) return;
    var n = mark.getAttribute("data-fact");
    var parts = document.querySelectorAll('mark.fact[data-fact="' + n + '"]');
    var words = "";
    parts.forEach(function (p) { words += p.textContent; });
    document.querySelectorAll("mark.fact.active").forEach(function (m) { m.classList.remove("active"); });
    parts.forEach(function (p) { p.classList.add("active"); });
    panel.querySelector(".detail-kind").textContent = mark.getAttribute("data-kind");
    panel.querySelector(".detail-span").textContent =
      mark.getAttribute("data-start") + "–" + mark.getAttribute("data-end");
    panel.querySelector(".detail-label").textContent = mark.getAttribute("title") || "";
    panel.querySelector(".detail-words").textContent = words;
    panel.setAttribute("data-fact", n);
    panel.hidden = false;
  }
  document.addEventListener("click", function (ev) {
    var mark = ev.target.closest ? ev.target.closest("#text mark.fact") : null;
    if (mark) { show(mark); ev.stopPropagation(); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("#text mark.fact").forEach(function (m) { m.tabIndex = 0; });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && ev.target.matches && ev.target.matches("#text mark.fact")) show(ev.target);
    });
  });
})();
