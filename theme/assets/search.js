// The search page: reads ?q=&source=&from=&to=&page= from the URL, runs the engine over the static index, shows ranked hits.
// Index files are scripts that register themselves (NewsmirrorSearch.shard), loaded by <script> tags: that
// works on http(s) and on file://, where browsers refuse fetch(). No inline script and no code from strings (CSP 'self').
// Needs search-engine.js loaded first. Page elements (all optional but the results list):
//   form#search-form with input#search-input (or #search-q) name=q, select#search-source name=source,
//   input#search-from / #search-to (type=date) name=from / name=to; p#search-status; ol#search-results;
//   a#search-next (made when missing). Where the index and the site root are, relative to the page:
//   data-index / data-root on #search or on this script's tag; by default "./" and "../" (the page at
//   search/index.html with the index files beside it).
(function () {
  "use strict";
  var engine = window.NewsmirrorSearch;
  var list = document.getElementById("search-results");
  if (!engine || !list) return;
  var app = document.getElementById("search");
  var self = document.currentScript;
  function setting(name, fallback) {
    var v = (app && app.getAttribute(name)) || (self && self.getAttribute(name));
    return v || fallback;
  }

  var PAGE_SIZE = 10;
  var indexBase = setting("data-index", "./");
  var siteRoot = setting("data-root", "../");
  var waiting = {};
  var cache = new Map();

  // A shard script calls this while it runs, before its load event.
  engine.shard = function (path, value) {
    var resolve = waiting[path];
    if (resolve) {
      delete waiting[path];
      resolve(value);
    }
  };

  function load(path) {
    return new Promise(function (resolve) {
      waiting[path] = resolve;
      var script = document.createElement("script");
      script.src = indexBase + path;
      script.async = true;
      var done = function () {
        script.remove();
        if (waiting[path] === resolve) {
          delete waiting[path];
          resolve(null);
        }
      };
      script.onload = done;
      script.onerror = done;
      document.head.appendChild(script);
    });
  }

  var $ = function (id) { return document.getElementById(id); };
  var form = $("search-form"), input = $("search-input") || $("search-q"), sourceSelect = $("search-source");
  var fromInput = $("search-from"), toInput = $("search-to");
  var status = $("search-status"), next = $("search-next");
  if (!status) {
    status = document.createElement("p");
    status.id = "search-status";
    list.parentNode.insertBefore(status, list);
  }
  if (!next) {
    next = document.createElement("a");
    next.id = "search-next";
    next.hidden = true;
    next.textContent = "下一頁 →";
    list.parentNode.insertBefore(next, list.nextSibling);
  }

  function param(params, name) {
    var v = params.get(name);
    return v === null ? "" : v.trim();
  }

  function withMarks(text, marks) {
    var frag = document.createDocumentFragment();
    var at = 0;
    for (var i = 0; i < marks.length; i++) {
      if (marks[i][0] > at) frag.appendChild(document.createTextNode(text.slice(at, marks[i][0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(marks[i][0], marks[i][1]);
      frag.appendChild(mark);
      at = marks[i][1];
    }
    if (at < text.length) frag.appendChild(document.createTextNode(text.slice(at)));
    return frag;
  }

  /** Only our own site-relative links: an index entry can never become a javascript: or foreign URL. */
  function hrefOf(url) {
    return /^[a-z][a-z0-9+.-]*:|^[\/\\\s]|[\u0000-\u001f]/i.test(url) ? "#" : siteRoot + url;
  }

  function render(outcome, page, query) {
    list.textContent = "";
    outcome.hits.forEach(function (hit) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = hrefOf(hit.url);
      a.appendChild(withMarks(hit.title, hit.titleMarks));
      var meta = document.createElement("div");
      meta.className = "search-meta";
      meta.textContent = hit.source + " · " + hit.date.slice(0, 10);
      var snippet = document.createElement("p");
      snippet.className = "search-snippet";
      snippet.appendChild(withMarks(hit.snippet, hit.snippetMarks));
      li.appendChild(a);
      li.appendChild(meta);
      li.appendChild(snippet);
      list.appendChild(li);
    });
    var first = page * PAGE_SIZE + 1;
    if (outcome.error) status.textContent = "這裡讀不到搜尋索引（search/manifest.js）；請重建網站。";
    else if (outcome.total === 0) status.textContent = "沒有符合「" + query + "」的文章。";
    else if (outcome.hits.length === 0) status.textContent = "共 " + outcome.total + " 篇；這一頁之後沒有了。";
    else status.textContent = "共 " + outcome.total + " 篇，顯示第 " + first + "–" + (first + outcome.hits.length - 1) + " 篇。";
    var more = (page + 1) * PAGE_SIZE < outcome.total;
    next.hidden = !more;
    if (more) {
      var params = new URLSearchParams(location.search);
      params.set("page", String(page + 2));
      next.href = "?" + params.toString();
    }
  }

  /** Offers the index's sources when the page did not list them, and selects the chosen one. */
  function fillSources(manifest, chosen) {
    if (!sourceSelect) return;
    if (sourceSelect.options.length <= 1 && manifest && Array.isArray(manifest.sources)) manifest.sources.forEach(function (entry) {
      var option = document.createElement("option");
      option.value = entry[0];
      option.textContent = entry[0] + " (" + entry[1] + ")";
      sourceSelect.appendChild(option);
    });
    for (var i = 0; i < sourceSelect.options.length; i++) {
      if (sourceSelect.options[i].value === chosen) sourceSelect.options[i].selected = true;
    }
  }

  async function start() {
    var params = new URLSearchParams(location.search);
    var query = param(params, "q"), source = param(params, "source");
    var from = param(params, "from"), to = param(params, "to");
    var page = Math.max(0, (parseInt(param(params, "page"), 10) || 1) - 1);
    if (input) input.value = query;
    if (fromInput) fromInput.value = from;
    if (toInput) toInput.value = to;
    var manifestPromise = cache.get("manifest.js") || Promise.resolve(load("manifest.js"));
    cache.set("manifest.js", manifestPromise);
    fillSources(await manifestPromise, source);
    if (!query) return;
    status.textContent = "搜尋中…";
    var started = performance.now();
    var outcome = await engine.search(query, load, { source: source, from: from, to: to }, { limit: PAGE_SIZE, offset: page * PAGE_SIZE, cache: cache });
    render(outcome, page, query);
    list.setAttribute("data-ms", String(Math.round(performance.now() - started)));
  }

  if (form) {
    // The form submits by GET to this same page, so every search has its own URL; empty fields are left out.
    form.addEventListener("submit", function () {
      [sourceSelect, fromInput, toInput].forEach(function (field) {
        if (field && !field.value) field.removeAttribute("name");
      });
    });
  }
  start().catch(function (error) {
    status.textContent = "搜尋失敗：" + (error && error.message ? error.message : String(error));
  });
})();
