/* The edition site's behaviour (tei-edition build). Everything here enhances a page
   that works without it: notes stay links to the endnotes, names stay links to the
   register, the citation names the page's file. No network, no dependencies. */
(function () {
  "use strict";
  var STORE = "tei-edition:names";

  function pageUrl(hash) {
    var u = location.href.split("#")[0];
    return hash ? u + "#" + hash : u;
  }

  /* ---- names highlighted, remembered across pages ---- */
  function namesToggle() {
    if (!document.querySelector("a.persName, a.placeName, a.orgName")) return;
    var header = document.querySelector(".site-header");
    if (!header) return;
    var on;
    try { on = localStorage.getItem(STORE) !== "off"; } catch (e) { on = true; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "names-toggle";
    button.textContent = "Highlight names";
    function apply() {
      document.body.classList.toggle("names-on", on);
      button.setAttribute("aria-pressed", on ? "true" : "false");
    }
    button.addEventListener("click", function () {
      on = !on;
      try { localStorage.setItem(STORE, on ? "on" : "off"); } catch (e) { /* private mode */ }
      apply();
    });
    header.appendChild(button);
    apply();
  }

  /* ---- notes as popovers ---- */
  var open = null; // {button, box}

  function closeNote(focusBack) {
    if (!open) return;
    open.button.setAttribute("aria-expanded", "false");
    open.box.remove();
    if (focusBack) open.button.focus();
    open = null;
  }

  function place(box, button) {
    // below the marker, clamped to the viewport (8px margins) so it never overflows
    var r = button.getBoundingClientRect();
    var vw = document.documentElement.clientWidth;
    var width = Math.min(box.offsetWidth, vw - 16);
    box.style.width = width + "px";
    var left = Math.max(8, Math.min(r.left + r.width / 2 - width / 2, vw - width - 8));
    box.style.left = left + window.scrollX + "px";
    // below the marker, or above it when the viewport has no room below
    var h = box.offsetHeight;
    var above = r.bottom + h + 6 > window.innerHeight && r.top > h + 6;
    box.style.top = (above ? r.top - h - 6 : r.bottom + 6) + window.scrollY + "px";
  }

  function openNote(button) {
    var note = document.getElementById(button.getAttribute("data-note"));
    if (!note) return;
    var box = document.createElement("div");
    box.className = "note-popover";
    box.id = "popover-" + note.id;
    box.setAttribute("role", "note");
    var n = document.createElement("span");
    n.className = "note-popover-n";
    n.textContent = button.textContent;
    box.appendChild(n);
    Array.prototype.forEach.call(note.childNodes, function (child) {
      if (child.nodeType === 1 && /\b(note-n|noteback)\b/.test(child.className)) return;
      box.appendChild(child.cloneNode(true));
    });
    document.body.appendChild(box);
    button.setAttribute("aria-expanded", "true");
    button.setAttribute("aria-controls", box.id);
    place(box, button);
    open = {button: button, box: box};
  }

  function notes() {
    var refs = document.querySelectorAll("a.noteref[href^='#']");
    Array.prototype.forEach.call(refs, function (a) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "noteref";
      button.id = a.id; // the endnote's back-link still lands here
      button.textContent = a.textContent;
      button.setAttribute("data-note", a.getAttribute("href").slice(1));
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-label", "Note " + a.textContent);
      button.addEventListener("click", function (ev) {
        ev.stopPropagation();
        var again = open && open.button === button;
        closeNote(false);
        if (!again) openNote(button);
      });
      a.replaceWith(button);
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && open) closeNote(true);
    });
    document.addEventListener("click", function (ev) {
      if (open && !open.box.contains(ev.target)) closeNote(false);
    });
    window.addEventListener("resize", function () { if (open) place(open.box, open.button); });
  }

  /* ---- paragraph links and the citation ---- */
  function copy(text, button) {
    var done = function () {
      var old = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = old; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { window.prompt("Copy:", text); });
    } else {
      window.prompt("Copy:", text);
    }
  }

  function citeUrl() {
    var url = document.querySelector(".cite-url");
    if (!url) return;
    var hash = location.hash.slice(1);
    var target = hash && document.getElementById(hash);
    url.textContent = pageUrl(target && target.matches("p[id], li.note") ? hash : "");
  }

  function paragraphs() {
    var tools = document.querySelectorAll(".p-tools");
    Array.prototype.forEach.call(tools, function (span) {
      var id = span.parentNode.id;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "p-copy";
      button.textContent = "copy link";
      button.setAttribute("aria-label", "Copy the link to this paragraph");
      button.addEventListener("click", function () { copy(pageUrl(id), button); });
      span.appendChild(button);
    });
    var cite = document.querySelector(".cite");
    if (cite) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-cite";
      button.textContent = "Copy citation";
      button.addEventListener("click", function () {
        copy(cite.querySelector(".citation").textContent.replace(/\s+/g, " ").trim(), button);
      });
      cite.appendChild(button);
      citeUrl();
      window.addEventListener("hashchange", citeUrl);
    }
  }

  function start() {
    namesToggle();
    notes();
    paragraphs();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
