// newstrace pages: progressive enhancement only (every page works without it).
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    var text = document.getElementById("article-text");
    var toggle = document.getElementById("cw-toggle");
    if (toggle && text) {
      toggle.addEventListener("click", function () {
        var on = !text.classList.contains("show-cw");
        text.classList.toggle("show-cw", on);
        toggle.setAttribute("aria-pressed", on ? "true" : "false");
      });
    }
    if (!text) return;
    // Hovering or focusing any piece of a quote or claim marks all its pieces and shows its tip.
    function pieces(el) {
      var out = [];
      if (el.dataset.q !== undefined) out = out.concat(Array.prototype.slice.call(
        text.querySelectorAll('[data-q="' + el.dataset.q + '"]')));
      return out;
    }
    function tips(el) {
      var out = [];
      if (el.dataset.q !== undefined) out.push(document.getElementById("tip-q" + el.dataset.q));
      if (el.dataset.c !== undefined) out.push(document.getElementById("tip-c" + el.dataset.c));
      return out.filter(Boolean).map(function (t) { return t.closest(".tip") || t; });
    }
    function on(ev) {
      var el = ev.target.closest ? ev.target.closest(".seg") : null;
      if (!el) return;
      pieces(el).forEach(function (p) { p.classList.add("hot"); });
      tips(el).forEach(function (t) { t.classList.add("show"); });
    }
    function off(ev) {
      var el = ev.target.closest ? ev.target.closest(".seg") : null;
      if (!el) return;
      pieces(el).forEach(function (p) { p.classList.remove("hot"); });
      tips(el).forEach(function (t) { t.classList.remove("show"); });
    }
    text.addEventListener("mouseover", on);
    text.addEventListener("mouseout", off);
    text.addEventListener("focusin", on);
    text.addEventListener("focusout", off);
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") text.querySelectorAll(".tip.show").forEach(function (t) {
        t.classList.remove("show");
      });
    });
  });
})();
