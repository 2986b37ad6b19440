// kronika's only script: small conveniences on top of server-rendered pages (everything works without it).
(function () {
  "use strict";

  // Hovering a marked span (or a layer list item) lights up every mark of the same object.
  function linkRefs(root) {
    const marked = root.querySelectorAll("[data-ref]");
    marked.forEach(function (el) {
      el.addEventListener("mouseenter", function () { toggle(el.dataset.ref, true); });
      el.addEventListener("mouseleave", function () { toggle(el.dataset.ref, false); });
    });
    function toggle(ref, on) {
      if (!ref) return;
      root.querySelectorAll('[data-ref="' + CSS.escape(ref) + '"]').forEach(function (x) {
        x.classList.toggle("lit", on);
      });
    }
  }

  // On a document page opened at #event-vN, light up that event's trigger and scroll the text to it.
  function showTargetEvent() {
    const m = /^#event-(.+)$/.exec(window.location.hash);
    if (!m) return;
    const id = decodeURIComponent(m[1]);
    const trig = document.querySelector('#doc-text .trigger[data-ref="' + CSS.escape(id) + '"]');
    if (trig) {
      trig.classList.add("focus");
      trig.scrollIntoView({ block: "center" });
    }
  }

  // Filter forms: a changed <select> applies at once; empty fields stay out of the URL.
  function tidyForms() {
    document.querySelectorAll("form.filters").forEach(function (form) {
      form.querySelectorAll("select").forEach(function (sel) {
        sel.addEventListener("change", function () { form.requestSubmit(); });
      });
      form.addEventListener("submit", function () {
        form.querySelectorAll("input, select").forEach(function (f) {
          if (f.type !== "checkbox" && f.value === "") f.disabled = true;
        });
      });
    });
  }

  // Coming back to a page (history), re-enable the fields disabled at submit.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form.filters [disabled]").forEach(function (f) { f.disabled = false; });
  });

  document.addEventListener("DOMContentLoaded", function () {
    linkRefs(document);
    showTargetEvent();
    tidyForms();
  });
})();
