/* Full-text search of the edition, in the browser. The index was built with the
   pages: Pagefind's (pagefind/) or, where its binary could not run, the small one in
   search-index.js. A result links to the paragraph the words are in. */
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var status = document.querySelector(".search-status");
  var list = document.querySelector(".search-results");
  var engine = form.getAttribute("data-engine");
  var base = new URL(".", location.href);

  function say(text) { status.textContent = text; }

  function item(href, title, where, excerptHtml) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = href;
    a.className = "search-hit";
    a.textContent = title + (where ? " " + where : "");
    li.appendChild(a);
    var p = document.createElement("p");
    p.className = "search-excerpt";
    p.innerHTML = excerptHtml; // Pagefind's excerpt: our own text, escaped, with <mark>
    li.appendChild(p);
    list.appendChild(li);
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"]/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"}[c];
    });
  }

  /* the paragraph (or note) of a Pagefind hit: the last anchor before its first word */
  function anchorOf(data) {
    var at = data.locations && data.locations.length ? data.locations[0] : 0;
    var best = null;
    (data.anchors || []).forEach(function (a) {
      if ((a.element === "p" || a.element === "li") && a.location <= at) best = a;
    });
    return best;
  }

  var pagefind = null;
  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (pf) {
        return pf.options({baseUrl: base.pathname}).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function searchPagefind(q) {
    return loadPagefind().then(function (pf) { return pf.search(q); }).then(function (found) {
      return Promise.all(found.results.slice(0, 20).map(function (r) { return r.data(); }));
    }).then(function (hits) {
      hits.forEach(function (data) {
        var a = anchorOf(data);
        var href = data.url + (a ? "#" + a.id : "");
        item(href, (data.meta && data.meta.title) || data.url, "", data.excerpt);
      });
      return hits.length;
    });
  }

  function searchJson(q) {
    var words = q.toLowerCase().replace(/"/g, "").trim();
    var hits = (window.TEI_EDITION_INDEX || []).filter(function (r) {
      return r.x.toLowerCase().indexOf(words) >= 0;
    }).slice(0, 50);
    hits.forEach(function (r) {
      var i = r.x.toLowerCase().indexOf(words);
      var from = Math.max(0, i - 60);
      var text = r.x.slice(from, i) + "\u0000" + r.x.slice(i, i + words.length) + "\u0001" +
          r.x.slice(i + words.length, i + words.length + 60);
      var html = escapeHtml(text).replace("\u0000", "<mark>").replace("\u0001", "</mark>");
      item(r.u, r.t, r.w, (from ? "… " : "") + html + " …");
    });
    return Promise.resolve(hits.length);
  }

  function run(q) {
    list.textContent = "";
    if (!q.trim()) { say(""); return; }
    say("Searching…");
    // Pagefind finds documents (each linked at its first hit), the small index passages
    var unit = engine === "pagefind" ? ["document", "documents"] : ["passage", "passages"];
    (engine === "pagefind" ? searchPagefind(q) : searchJson(q)).then(function (n) {
      say(n ? n + " " + unit[n === 1 ? 0 : 1] + " found for “" + q + "”." :
        "Nothing found for “" + q + "”.");
    }, function (err) {
      say("The search index could not be loaded (" + err + ").");
    });
  }

  if (engine === "pagefind" && location.protocol === "file:") {
    // browsers refuse module imports and fetches from file://
    say("Search needs the edition served over HTTP: browsers block the search index on " +
        "file:// pages. Run `tei-edition serve` in the edition's folder and open " +
        "http://127.0.0.1:8000/ instead.");
    input.disabled = true;
    return;
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = input.value;
    history.replaceState(null, "", "?q=" + encodeURIComponent(q));
    run(q);
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(initial); }
})();
