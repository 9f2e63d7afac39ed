// The bulletin editor's inline audio preview: shows the real duration of the generated audio once the
// player knows it, and a clear message if the server could not generate it (the player cannot show text).
// Wordings come from the server in data-* attributes: data-text-minutes="{minutes} phút {seconds} giây".
(function () {
  "use strict";

  function duration(box, total) {
    var minutes = Math.floor(total / 60);
    var seconds = total % 60;
    if (!minutes) return box.dataset.textSeconds.replace("{seconds}", String(seconds));
    return box.dataset.textMinutes.replace("{minutes}", String(minutes))
      .replace("{seconds}", (seconds < 10 ? "0" : "") + seconds);
  }

  function wire(box) {
    var player = box.querySelector("audio");
    var real = box.querySelector("[data-real-duration]");
    var failure = box.querySelector("[data-audio-error]");
    if (!player) return;
    player.addEventListener("loadedmetadata", function () {
      if (real && isFinite(player.duration) && player.duration > 0) {
        real.textContent = duration(box, Math.round(player.duration));
      }
    });
    player.addEventListener("error", function () {
      if (failure) failure.hidden = false;
    });
  }

  function start() {
    document.querySelectorAll("[data-audio-preview]").forEach(wire);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
