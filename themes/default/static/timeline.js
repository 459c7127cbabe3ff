// Filters the timeline in place. Without JavaScript the filter links open
// pre-built filtered pages; with it, on an overview that holds the whole
// timeline (a small archive), the same links filter the page without
// loading another one: each link names its term's directives. Elsewhere
// the links are left to do what they do. No inline script, so a strict
// Content-Security-Policy holds.
(function () {
  "use strict";
  var timeline = document.getElementById("dong-thoi-gian");
  var filters = document.querySelector(".filters");
  if (!timeline || !filters || !timeline.hasAttribute("data-complete") || !document.body.classList) {
    return;
  }
  var entries = Array.prototype.slice.call(timeline.querySelectorAll("li"));
  var count = document.querySelector(".timeline-page > .count");

  function apply(link) {
    var wanted = null;
    if (link) {
      wanted = {};
      link.getAttribute("data-ids").split(" ").forEach(function (id) { wanted[id] = true; });
    }
    var total = 0;
    entries.forEach(function (entry) {
      var id = entry.getAttribute("data-directive");
      if (id === null) {
        return;
      }
      var match = !wanted || wanted[id] === true;
      entry.hidden = !match;
      if (match) {
        total += 1;
      }
    });
    entries.forEach(function (entry) {
      var owners = entry.getAttribute("data-for");
      if (owners === null) {
        return;
      }
      entry.hidden = !!wanted && !owners.split(" ").some(function (id) { return wanted[id]; });
    });
    Array.prototype.forEach.call(timeline.querySelectorAll(".timeline-before, .timeline-month, .timeline-year"), function (section) {
      section.hidden = !section.querySelector("li:not([hidden])");
    });
    Array.prototype.forEach.call(filters.querySelectorAll("a[data-ids]"), function (other) {
      if (other === link) {
        other.setAttribute("aria-current", "true");
      } else {
        other.removeAttribute("aria-current");
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
    if (link.hasAttribute("data-ids")) {
      event.preventDefault();
      apply(link);
      timeline.scrollIntoView();
    } else if (link.hasAttribute("data-reset")) {
      event.preventDefault();
      apply(null);
    }
  });
})();
