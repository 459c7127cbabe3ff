// Filters the timeline in place. Without JavaScript the filter links open
// pre-built filtered pages; with it, the same links filter this page
// without loading another one. No inline script, so a strict
// Content-Security-Policy holds.
(function () {
  "use strict";
  var timeline = document.getElementById("dong-thoi-gian");
  var filters = document.querySelector(".filters");
  if (!timeline || !filters || !document.body.classList) {
    return;
  }
  var entries = Array.prototype.slice.call(timeline.querySelectorAll(".entry"));
  var count = document.querySelector(".timeline-page > .count");

  function apply(facet, term) {
    var shown = {};
    var total = 0;
    entries.forEach(function (entry) {
      if (!entry.hasAttribute("data-directive")) {
        return;
      }
      var match = !facet || entry.getAttribute("data-" + facet) === term;
      entry.hidden = !match;
      if (match) {
        shown[entry.getAttribute("data-directive")] = true;
        total += 1;
      }
    });
    entries.forEach(function (entry) {
      var owners = entry.getAttribute("data-for");
      if (owners === null) {
        return;
      }
      entry.hidden = !owners.split(" ").some(function (id) { return shown[id]; });
    });
    Array.prototype.forEach.call(timeline.querySelectorAll(".timeline-before, .timeline-month, .timeline-year"), function (section) {
      section.hidden = !section.querySelector(".entry:not([hidden])");
    });
    Array.prototype.forEach.call(filters.querySelectorAll("a[data-term]"), function (link) {
      if (link.getAttribute("data-facet") === facet && link.getAttribute("data-term") === term) {
        link.setAttribute("aria-current", "true");
      } else {
        link.removeAttribute("aria-current");
      }
    });
    if (count) {
      count.firstChild.nodeValue = total + " văn bản";
    }
  }

  filters.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a") : null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    if (link.hasAttribute("data-term")) {
      event.preventDefault();
      apply(link.getAttribute("data-facet"), link.getAttribute("data-term"));
      timeline.scrollIntoView();
    } else if (link.hasAttribute("data-reset") && !document.querySelector(".filter-name")) {
      event.preventDefault();
      apply(null, null);
    }
  });
})();
