// Keyboard navigation for every page: left/right arrows follow the page's previous/next links,
// j/k move between the posts of a list, "/" focuses the search box. Keys typed into a field are left alone.
(function () {
  "use strict";
  function isTyping(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }
  function follow(key) {
    var link = document.querySelector('a[data-key="' + key + '"]');
    if (link) window.location.href = link.href;
  }
  function move(step) {
    var links = Array.prototype.slice.call(document.querySelectorAll("ul.posts > li > a:first-child, ol.results a"));
    if (links.length === 0) return;
    var index = links.indexOf(document.activeElement);
    var next = index < 0 ? (step > 0 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, index + step));
    links[next].focus();
  }
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
    switch (event.key) {
      case "ArrowLeft": follow("prev"); break;
      case "ArrowRight": follow("next"); break;
      case "j": move(1); break;
      case "k": move(-1); break;
      case "/": {
        var box = document.querySelector("#search-input, form.search input");
        if (box) { event.preventDefault(); box.focus(); }
        break;
      }
      default: return;
    }
  });
})();
