// The 简/繁 toggle: converts the page's text between Simplified and Traditional script in the browser, remembered across pages.
// The OpenCC converter (opencc-js, copied beside this file by the site build) is loaded only when a reader
// asks for a conversion: opencc-t2cn.js (109 KB) for 简, opencc-cn2t.js (1.1 MB) for 繁. No inline script and
// no code from strings (CSP script-src 'self'). The choice is kept in localStorage; where storage is refused (some
// browsers on file://) the toggle still works on the current page.
// Page markup: <script src="<root>/assets/toggle.js" defer></script> and, optionally, a
// <button id="zh-toggle" type="button"></button> where the toggle should sit (else one is added at the end of <body>).
(function () {
  "use strict";
  var KEY = "newsmirror.zh";
  var MODES = ["", "s", "t"]; // as written, Simplified, Traditional
  var LABELS = { "": "简/繁", s: "简", t: "繁" };
  var TITLES = { "": "Show this page in Simplified script", s: "Show this page in Traditional script", t: "Show this page as written" };
  var FILES = { s: "opencc-t2cn.js", t: "opencc-cn2t.js" };
  // "twp": Taiwan usage with phrases (软件 <-> 軟體), as OpenCC's s2twp / tw2sp configurations.
  var OPTIONS = { s: { from: "twp", to: "cn" }, t: { from: "cn", to: "twp" } };
  var SKIP = { SCRIPT: 1, STYLE: 1, TEXTAREA: 1, CODE: 1, NOSCRIPT: 1 };

  var script = document.currentScript;
  var base = script && script.src ? script.src.replace(/[^\/]*$/, "") : "";
  var converters = {};
  var original = new WeakMap(); // text node -> its text as written
  var originalTitle = document.title;
  var originalLang = document.documentElement.getAttribute("lang");
  var mode = "";
  var observer = null;

  function stored() {
    try { return localStorage.getItem(KEY) || ""; } catch (e) { return ""; }
  }
  function store(value) {
    try { if (value) localStorage.setItem(KEY, value); else localStorage.removeItem(KEY); } catch (e) { /* storage refused */ }
  }

  function converterFor(target) {
    if (converters[target]) return converters[target];
    converters[target] = new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = base + FILES[target];
      tag.onload = function () {
        var opencc = window.OpenCC;
        if (opencc && typeof opencc.Converter === "function") resolve(opencc.Converter(OPTIONS[target]));
        else reject(new Error("converter did not load"));
      };
      tag.onerror = function () { delete converters[target]; reject(new Error("cannot load " + tag.src)); };
      document.head.appendChild(tag);
    });
    return converters[target];
  }

  function textNodes(root, visit) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        for (var el = node.parentElement; el; el = el.parentElement) {
          if (SKIP[el.tagName] || el.getAttribute("translate") === "no" || el.id === "zh-toggle") return NodeFilter.FILTER_REJECT;
        }
        return /\S/.test(node.nodeValue) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      },
    });
    for (var node = walker.nextNode(); node; node = walker.nextNode()) visit(node);
  }

  function apply(root, convert) {
    textNodes(root, function (node) {
      if (!original.has(node)) original.set(node, node.nodeValue);
      var text = original.get(node);
      var next = convert ? convert(text) : text;
      if (node.nodeValue !== next) node.nodeValue = next;
    });
  }

  var requests = 0;
  function setMode(target, button) {
    var ticket = ++requests;
    var finish = function (convert) {
      if (ticket !== requests) return; // a later click won while this converter loaded
      mode = target;
      apply(document.body, convert);
      document.title = convert ? convert(originalTitle) : originalTitle;
      if (target) document.documentElement.setAttribute("lang", target === "s" ? "zh-Hans" : "zh-Hant");
      else if (originalLang === null) document.documentElement.removeAttribute("lang");
      else document.documentElement.setAttribute("lang", originalLang);
      if (button) {
        button.textContent = LABELS[mode];
        button.title = TITLES[mode];
        button.setAttribute("aria-label", TITLES[mode]);
      }
      watch(convert);
    };
    if (!target) return finish(null);
    converterFor(target).then(finish, function () {
      if (button) button.title = "The converter could not be loaded.";
    });
  }

  // Text added later (search results, for one) is converted as it arrives.
  function watch(convert) {
    if (observer) observer.disconnect();
    if (!convert || typeof MutationObserver === "undefined") { observer = null; return; }
    observer = new MutationObserver(function (records) {
      records.forEach(function (r) {
        r.addedNodes.forEach(function (n) {
          if (n.nodeType === 3 && n.parentElement) apply(n.parentElement, convert);
          else if (n.nodeType === 1) apply(n, convert);
        });
      });
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }

  function init() {
    var button = document.getElementById("zh-toggle");
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.id = "zh-toggle";
      button.className = "zh-toggle";
      document.body.appendChild(button);
    }
    button.hidden = false;
    button.textContent = LABELS[""];
    button.title = TITLES[""];
    button.addEventListener("click", function () {
      var next = MODES[(MODES.indexOf(mode) + 1) % MODES.length];
      store(next);
      setMode(next, button);
    });
    var saved = stored();
    if (saved === "s" || saved === "t") setMode(saved, button);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
