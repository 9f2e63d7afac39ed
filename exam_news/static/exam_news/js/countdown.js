// Keeps the release countdowns of the exam-season dashboard up to date, once a second.
// The wording comes from the server (Vietnamese, through gettext) in data-* attributes:
// <span data-countdown data-seconds-left="187200" data-text-days="còn {days} ngày {hours} giờ" …>
// The seconds left are counted from the page's rendering, not from the browser's clock (which may be off).
(function () {
  "use strict";
  var started = Date.now();

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, name) {
      return name in values ? values[name] : match;
    });
  }

  function text(element, seconds) {
    var d = element.dataset;
    if (seconds <= 0) return d.textDue;
    var days = Math.floor(seconds / 86400);
    var hours = Math.floor((seconds % 86400) / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    var secs = seconds % 60;
    var values = { days: days, hours: hours, minutes: minutes, seconds: (secs < 10 ? "0" : "") + secs };
    if (days) return fill(d.textDays, values);
    if (hours) return fill(d.textHours, values);
    if (minutes) return fill(d.textMinutes, values);
    values.seconds = String(secs);
    return fill(d.textSeconds, values);
  }

  function tick() {
    var elapsed = Math.floor((Date.now() - started) / 1000);
    document.querySelectorAll("[data-countdown]").forEach(function (element) {
      var left = Math.max(0, parseInt(element.dataset.secondsLeft, 10) - elapsed);
      var value = text(element, left);
      if (value && element.textContent !== value) element.textContent = value;
    });
  }

  function start() {
    if (!document.querySelector("[data-countdown]")) return;
    tick();
    window.setInterval(tick, 1000);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
