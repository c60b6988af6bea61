// Counts down to the end time the server stored; the page already works without this.
(function () {
  const timer = document.querySelector(".pause-timer");
  if (!timer) return;
  const endsAt = Date.parse(timer.dataset.endsAt);
  const remaining = timer.querySelector(".js-remaining");
  const doneMessage = timer.querySelector(".js-done-message");

  function format(seconds) {
    const minutes = Math.floor(seconds / 60);
    return minutes + ":" + String(seconds % 60).padStart(2, "0");
  }

  function tick() {
    const seconds = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    remaining.textContent = format(seconds);
    if (seconds === 0) {
      doneMessage.textContent = "Your pause is over. How are you now?";
      clearInterval(interval);
    }
  }

  const interval = setInterval(tick, 1000);
  tick();
})();
