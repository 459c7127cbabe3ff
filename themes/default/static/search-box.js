// The header's search link becomes a search box when scripts run, on every
// page but the search page, whose own form would make it a second search
// landmark. Kept apart from search.js, which only the search page loads:
// every other page fetches this small file instead of the whole engine.
(function () {
  "use strict";
  var link = document.querySelector(".search-link");
  if (!link || document.getElementById("tim-kiem")) {
    return;
  }
  var form = document.createElement("form");
  form.className = "search-box";
  form.setAttribute("role", "search");
  form.action = link.getAttribute("href");
  form.method = "get";
  var input = document.createElement("input");
  input.type = "search";
  input.name = "q";
  input.placeholder = "Tìm văn bản";
  input.setAttribute("aria-label", "Tìm văn bản");
  var button = document.createElement("button");
  button.type = "submit";
  button.textContent = "Tìm";
  form.appendChild(input);
  form.appendChild(button);
  link.parentNode.replaceChild(form, link);
})();
