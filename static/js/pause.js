// The pause page, once JavaScript runs: counts down to the end time the server stored, and at the end changes the
// page, plays a soft sound if the person turned it on, vibrates where the phone can and notifies if allowed.
// Without it the page still works: it shows the end time, and a reload after the end shows the ended state.
(function () {
  const SOUND_KEY = "secure-base:pause-sound";
  const OVER = "Your pause is over";
  let audio = null;

  function storedSound() {
    try {
      return localStorage.getItem(SOUND_KEY) === "on";
    } catch (error) {
      return false;
    }
  }

  function storeSound(on) {
    try {
      localStorage.setItem(SOUND_KEY, on ? "on" : "off");
    } catch (error) {
      // private mode: the choice lasts for this page only
    }
  }

  // Browsers let a page make sound only after a tap, so the audio starts on one.
  function wakeAudio() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return null;
    if (!audio) audio = new Context();
    if (audio.state === "suspended") audio.resume();
    return audio;
  }

  function chime() {
    const context = wakeAudio();
    if (!context) return;
    const start = context.currentTime + 0.05;
    [523.25, 659.25, 783.99].forEach(function (frequency, index) {
      const tone = context.createOscillator();
      const volume = context.createGain();
      const at = start + index * 0.4;
      tone.type = "sine";
      tone.frequency.value = frequency;
      volume.gain.setValueAtTime(0.0001, at);
      volume.gain.exponentialRampToValueAtTime(0.1, at + 0.08);
      volume.gain.exponentialRampToValueAtTime(0.0001, at + 1.8);
      tone.connect(volume);
      volume.connect(context.destination);
      tone.start(at);
      tone.stop(at + 1.9);
    });
  }

  function vibrate() {
    if (typeof navigator.vibrate === "function") navigator.vibrate([180, 120, 180]);
  }

  function notify(noticeUrl) {
    if (!("Notification" in window) || Notification.permission !== "granted") return;
    const url = new URL(noticeUrl, location.origin).href;
    // The same tag as the push sent at the end (reminders), so a phone shows one notification, not two.
    const options = { body: "How are you now?", tag: url, data: { url: url }, icon: "/static/favicon.svg" };
    function fromPage() {
      try {
        new Notification(OVER, options);
      } catch (error) {
        // Android allows notifications only from a service worker.
      }
    }
    if (!("serviceWorker" in navigator)) return fromPage();
    navigator.serviceWorker.getRegistration("/").then(function (registration) {
      return registration ? registration.showNotification(OVER, options) : fromPage();
    }, fromPage);
  }

  function showTheEnd() {
    document.title = document.title.replace(/^[^·]*/, OVER + " ");
    const heading = document.querySelector(".js-pause-heading");
    if (heading) heading.textContent = OVER;
    document.querySelectorAll(".js-while-running").forEach(function (element) {
      element.hidden = true;
    });
    document.querySelectorAll(".js-at-end").forEach(function (element) {
      element.hidden = false;
    });
    const done = document.querySelector(".js-done-message");
    if (done) done.textContent = OVER + ". How are you now?";
  }

  function startTimer(timer) {
    const endsAt = Date.parse(timer.dataset.endsAt);
    const remaining = timer.querySelector(".js-remaining");
    let interval = null;

    function format(seconds) {
      const minutes = Math.floor(seconds / 60);
      return minutes + ":" + String(seconds % 60).padStart(2, "0");
    }

    function tick() {
      const seconds = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
      remaining.textContent = format(seconds);
      if (seconds > 0) return;
      clearInterval(interval);
      document.removeEventListener("visibilitychange", tick);
      showTheEnd();
      if (storedSound()) chime();
      vibrate();
      notify(timer.dataset.noticeUrl);
    }

    interval = setInterval(tick, 1000);
    document.addEventListener("visibilitychange", tick); // a phone back from sleep catches up at once
    tick();
  }

  function soundToggle(button) {
    function show(on) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    }
    show(storedSound());
    button.closest("[hidden]").hidden = false;
    button.addEventListener("click", function () {
      const on = button.getAttribute("aria-pressed") !== "true";
      storeSound(on);
      show(on);
      if (on) chime(); // how it will sound, and the tap that lets the page play it later
    });
    ["pointerdown", "keydown"].forEach(function (type) {
      document.addEventListener(
        type,
        function () {
          if (storedSound()) wakeAudio();
        },
        { once: true }
      );
    });
  }

  function copyButton(button) {
    const source = document.getElementById(button.dataset.copyFrom);
    const status = button.parentElement.querySelector(".js-copy-status");
    if (!source || !navigator.clipboard) return;
    button.parentElement.hidden = false;
    button.addEventListener("click", function () {
      const text = "value" in source ? source.value : source.innerText;
      navigator.clipboard.writeText(text).then(
        function () {
          status.textContent = "Copied. Paste it in your messages app when you are ready.";
        },
        function () {
          status.textContent = "Copying didn't work here. Select the words and copy them instead.";
        }
      );
    });
  }

  const timer = document.querySelector(".pause-timer");
  if (timer) startTimer(timer);
  const sound = document.querySelector(".js-sound");
  if (sound) soundToggle(sound);
  document.querySelectorAll(".js-copy").forEach(copyButton);
  // The moment of the tap goes with the answer: sent later (no signal now), the pause still ends when it did.
  document.querySelectorAll(".js-finish").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.elements.ended_on_phone_at.value = new Date().toISOString();
    });
  });
})();
