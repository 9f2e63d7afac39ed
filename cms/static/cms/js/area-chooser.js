// The "Địa bàn" chooser (cms/area_chooser.py): chips for the chosen units and a search over the <select>'s
// options, by the start of any word of the name, tone marks optional.
(function () {
  "use strict";
  var MAX_RESULTS = 20;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase()
      .replace(/\s+/g, " ").trim();
  }

  function enhance(root) {
    var select = root.querySelector("select");
    var search = root.querySelector("[data-area-search]");
    var results = root.querySelector("[data-area-results]");
    var chips = root.querySelector("[data-area-chips]");
    var none = root.querySelector("[data-area-none]");
    var options = Array.prototype.slice.call(select.options);
    select.hidden = true;
    root.querySelector("[data-area-ui]").hidden = false;

    function changed() {
      select.dispatchEvent(new Event("change", { bubbles: true }));
      drawChips();
      drawResults();
    }

    function drawChips() {
      chips.textContent = "";
      var chosen = options.filter(function (o) { return o.selected; });
      if (!chosen.length) {
        var empty = document.createElement("li");
        empty.className = "area-chooser__chip area-chooser__chip--empty";
        empty.textContent = chips.dataset.emptyLabel;
        chips.appendChild(empty);
      }
      chosen.forEach(function (option) {
        var chip = document.createElement("li");
        chip.className = "area-chooser__chip";
        chip.dataset.value = option.value;
        chip.appendChild(document.createTextNode(option.text));
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "area-chooser__remove";
        remove.textContent = "×";
        remove.setAttribute("aria-label", chips.dataset.removeLabel + " " + option.text);
        remove.addEventListener("click", function () { option.selected = false; changed(); search.focus(); });
        chip.appendChild(remove);
        chips.appendChild(chip);
      });
    }

    function matches() {
      var words = fold(search.value).split(" ").filter(Boolean);
      if (!words.length) return null;
      return options.filter(function (option) {
        var name = " " + option.dataset.search;
        return !option.selected && words.every(function (word) { return name.indexOf(" " + word) !== -1; });
      }).slice(0, MAX_RESULTS);
    }

    function choose(option) {
      option.selected = true;
      search.value = "";
      changed();
      search.focus();
    }

    function drawResults() {
      var found = matches();
      results.textContent = "";
      results.hidden = !found || !found.length;
      none.hidden = !found || found.length > 0;
      (found || []).forEach(function (option) {
        var item = document.createElement("li");
        item.setAttribute("role", "option");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "area-chooser__result";
        button.dataset.value = option.value;
        button.textContent = option.text;
        button.addEventListener("click", function () { choose(option); });
        item.appendChild(button);
        results.appendChild(item);
      });
    }

    search.addEventListener("input", drawResults);
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();  // Enter picks the first unit; it must not submit the page form
        var first = results.querySelector("button");
        if (first) first.click();
      } else if (event.key === "ArrowDown") {
        var next = results.querySelector("button");
        if (next) { event.preventDefault(); next.focus(); }
      } else if (event.key === "Escape") {
        search.value = "";
        drawResults();
      }
    });
    results.addEventListener("keydown", function (event) {
      var item = event.target.closest("li");
      if (event.key === "ArrowDown" && item && item.nextElementSibling) {
        event.preventDefault();
        item.nextElementSibling.querySelector("button").focus();
      } else if (event.key === "ArrowUp" && item) {
        event.preventDefault();
        (item.previousElementSibling ? item.previousElementSibling.querySelector("button") : search).focus();
      }
    });
    drawChips();
  }

  function start() {
    document.querySelectorAll("[data-area-chooser]:not([data-area-ready])").forEach(function (root) {
      root.setAttribute("data-area-ready", "");
      enhance(root);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
