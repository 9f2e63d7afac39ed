// Says at once, under the field, when a typed date does not exist or is not day/month/year (cms/date_inputs.py);
// the form refuses it on saving either way. Nothing typed is changed.
(function () {
  "use strict";
  var DATE = /^(\d{1,2})[\/.-](\d{1,2})[\/.-](\d{4})$/;
  var ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
  var TIME = /^(\d{1,2})(?:[:h](\d{2})(?::(\d{2}))?)?$/;

  function realDate(day, month, year) {
    if (month < 1 || month > 12 || day < 1) return false;
    return day <= new Date(year, month, 0).getDate();  // day 0 of the next month: this month's last day
  }

  function dateOk(text) {
    var m = DATE.exec(text);
    if (m) return realDate(+m[1], +m[2], +m[3]);
    m = ISO.exec(text);
    return !!m && realDate(+m[3], +m[2], +m[1]);
  }

  function timeOk(text) {
    var m = TIME.exec(text);
    return !!m && +m[1] < 24 && +(m[2] || 0) < 60 && +(m[3] || 0) < 60;
  }

  function valid(input) {
    var text = input.value.trim().replace("T", " ");
    if (!text) return true;
    var parts = text.split(/\s+/);
    if (input.dataset.strictDate === "datetime") {
      return (parts.length === 1 && dateOk(parts[0])) || (parts.length === 2 && dateOk(parts[0]) && timeOk(parts[1]));
    }
    return parts.length === 1 && dateOk(parts[0]);
  }

  function check(input) {
    var message = valid(input) ? "" : input.dataset.strictDateMessage;
    input.setCustomValidity(message);
    var note = input.parentNode.querySelector("[data-strict-date-note]");
    if (!message) {
      input.removeAttribute("aria-invalid");
      if (note) note.remove();
      return;
    }
    input.setAttribute("aria-invalid", "true");
    if (!note) {
      note = document.createElement("p");
      note.className = "error-message";
      note.setAttribute("data-strict-date-note", "");
      note.setAttribute("role", "alert");
      input.insertAdjacentElement("afterend", note);
    }
    note.textContent = message;
  }

  document.addEventListener("focusout", function (event) {
    if (event.target.matches && event.target.matches("[data-strict-date]")) check(event.target);
  });
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-strict-date]")) check(event.target);
  });
})();
