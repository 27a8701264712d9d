// Progressive enhancement only: the form works without this file.
// Adds search-as-you-type, the clickable body map and a print button.
(function () {
  "use strict";

  function setFinding(id, state) {
    document.querySelectorAll('input[type=radio][name="f_' + id + '"]').forEach(function (r) {
      r.checked = r.value === state;
    });
    var fieldset = document.getElementById("finding-" + id);
    if (fieldset) {
      fieldset.classList.toggle("is-set", state === "present");
      var details = fieldset.closest("details");
      if (details) { details.open = true; }
    }
  }

  function initSearch() {
    var input = document.getElementById("q");
    var box = document.getElementById("search-results");
    if (!input || !box || !window.fetch) { return; }
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { runSearch(input, box); }, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); runSearch(input, box); }
    });
  }

  function runSearch(input, box) {
    var text = input.value.trim();
    if (text.length < 2) { box.textContent = ""; return; }
    fetch(input.dataset.searchUrl + "?q=" + encodeURIComponent(text), {headers: {Accept: "application/json"}})
      .then(function (r) { return r.json(); })
      .then(function (data) { showMatches(box, text, data.findings || []); })
      .catch(function () { box.textContent = "Search is unavailable; use the lists below."; });
  }

  function showMatches(box, text, findings) {
    box.textContent = "";
    if (!findings.length) {
      var none = document.createElement("p");
      none.textContent = 'No finding matches "' + text + '". Try other words.';
      box.appendChild(none);
      return;
    }
    var list = document.createElement("ul");
    list.className = "matches";
    findings.slice(0, 5).forEach(function (f) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "secondary match";
      button.dataset.finding = f.id;
      button.textContent = "Add: " + f.label;
      button.addEventListener("click", function () {
        setFinding(f.id, "present");
        button.textContent = "Added: " + f.label;
        button.disabled = true;
      });
      item.appendChild(button);
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  function initBodyMap() {
    var info = document.getElementById("region-info");
    if (!info) { return; }
    var data = {};
    document.querySelectorAll(".region-data li").forEach(function (li) {
      data[li.dataset.region] = li.dataset;
    });
    document.querySelectorAll(".body-map .region").forEach(function (shape) {
      function toggle() {
        var region = shape.dataset.region;
        var entry = data[region];
        if (!entry) { return; }
        var shapes = document.querySelectorAll('.body-map .region[data-region="' + region + '"]');
        var selected = !shape.classList.contains("is-selected");
        shapes.forEach(function (s) { s.classList.toggle("is-selected", selected); s.setAttribute("aria-pressed", selected); });
        entry.findings.split(" ").forEach(function (id) { setFinding(id, selected ? "present" : "unknown"); });
        info.textContent = selected
          ? entry.label + ": set as painful. Structures here: " + entry.structures + "."
          : entry.label + ": cleared.";
      }
      shape.addEventListener("click", toggle);
      shape.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); toggle(); }
      });
    });
  }

  function initPrint() {
    document.querySelectorAll(".print-button").forEach(function (b) {
      b.hidden = false;
      b.addEventListener("click", function () { window.print(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    initSearch();
    initBodyMap();
    initPrint();
  });
}());
