// The app on this phone: installs the service worker (static/js/sw-offline.js), keeps a quick log made with no
// signal on this phone, and asks the worker to send what is kept whenever the app opens or the signal comes back
// (Background Sync is only a third way, where the browser has it). The pages work without any of this.
(function () {
  if (!("serviceWorker" in navigator) || !self.indexedDB || !self.momentQueue) return;
  const queue = self.momentQueue;
  const messages = document.getElementById("messages");
  const signOut = document.querySelector('form[action="/accounts/logout/"]');
  const form = document.querySelector("form[data-offline-form]");
  const pendingPlace = document.querySelector("[data-pending-moments]");
  const person = document.body.dataset.person || null;
  const WAITING = {
    "sign-in": "Sign in to send the moments saved on this phone.",
    unlock: "Unlock your journal to send the moments saved on this phone.",
  };

  function say(text, link) {
    const line = document.createElement("p");
    line.className = "message message-info";
    line.textContent = text + " ";
    if (link) {
      const anchor = document.createElement("a");
      anchor.href = link.href;
      anchor.textContent = link.text;
      line.append(anchor);
    }
    messages.append(line);
  }

  function plural(count, word) {
    return count === 1 ? "1 " + word : count + " " + word + "s";
  }

  function token() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : null;
  }

  function askToSend() {
    navigator.serviceWorker.ready.then((registration) => {
      registration.active.postMessage({ type: "send-moments", token: token(), person: person });
      if (registration.sync) registration.sync.register("send-moments").catch(() => {});
    });
  }

  function newKey() {
    if (self.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function chosenLabel(name) {
    const input = form.querySelector(`input[name="${name}"]:checked`);
    const label = input && input.closest("label");
    return label ? label.textContent.trim() : "";
  }

  // Kept on this phone: the form's fields (not its CSRF token), with "now" meaning now, not when it is sent.
  function keepMoment(event) {
    if (navigator.onLine && !form.hasAttribute("data-offline-shell")) return;
    event.preventDefault();
    const key = form.querySelector("[name=idempotency_key]");
    const savedAt = new Date().toISOString();
    const fields = Array.from(new FormData(form)).filter(([name]) => name !== "csrfmiddlewaretoken");
    fillMomentTime(fields, savedAt);
    const summary = { trigger: chosenLabel("trigger_kind"), urge: chosenLabel("urge") };
    queue.add({ key: key.value, person: person, fields: fields, savedAt: savedAt, summary: summary }).then(() => {
      form.reset();
      key.value = newKey();
      messages.textContent = "";
      say("Saved on this phone. It will send when you're online.");
      window.scrollTo(0, 0);
      if (navigator.onLine) askToSend();
    });
  }

  function when(moment) {
    const value = (moment.fields.find(([name]) => name === "occurred_at") || [])[1] || moment.savedAt;
    const date = new Date(value);
    const format = { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" };
    return isNaN(date) ? value : date.toLocaleString("en-GB", format);
  }

  function forget(moment) {
    queue.remove(moment.seq).then(showPending);
  }

  // The entries list and the no-signal page show what is still on this phone, apart from what the server has.
  function showPending() {
    if (!pendingPlace) return;
    queue.all().then((all) => {
      // Only this person's: a shared phone may still hold someone else's, until they sign out here.
      const moments = all.filter((moment) => person && (!moment.person || moment.person === person));
      const old = document.getElementById("pending-moments");
      if (old) old.remove();
      if (!moments.length) return;
      const section = document.createElement("section");
      section.id = "pending-moments";
      section.className = "pending-moments";
      section.setAttribute("aria-labelledby", "pending-heading");
      const heading = document.createElement("h2");
      heading.id = "pending-heading";
      heading.textContent = "Saved on this phone, not sent yet";
      const list = document.createElement("ol");
      list.className = "entry-list";
      moments.forEach((moment) => {
        const item = document.createElement("li");
        item.className = "card card-pending" + (moment.problem ? " card-refused" : "");
        const field = (name) => (moment.fields.find(([key]) => key === name) || [])[1] || "";
        const title = document.createElement("p");
        const strong = document.createElement("strong");
        strong.textContent = moment.summary.trigger || "A moment";
        const strength = field("intensity") || field("intensity_after");
        title.append(strong, `${strength ? ` · ${strength}/10` : ""} · ${when(moment)}`);
        item.append(title);
        [moment.summary.urge && "Urge: " + moment.summary.urge, field("what_happened")].forEach((text) => {
          if (!text) return;
          const line = document.createElement("p");
          line.className = "small";
          line.textContent = text;
          item.append(line);
        });
        const state = document.createElement("p");
        state.className = "small pending-state";
        state.textContent = moment.problem
          ? "Couldn't be sent: " + moment.problem.replace(/\.$/, "") + ". Log it again if you want to keep it."
          : "Waiting to send.";
        item.append(state);
        if (moment.problem) {
          const remove = document.createElement("button");
          remove.type = "button";
          remove.className = "button button-quiet";
          remove.textContent = "Remove from this phone";
          remove.addEventListener("click", () => forget(moment));
          item.append(remove);
        }
        list.append(item);
      });
      section.append(heading, list);
      pendingPlace.before(section);
    });
  }

  function heardFromWorker(event) {
    const outcome = event.data || {};
    if (outcome.type !== "moments-sent") return;
    if (outcome.sent) {
      say(`Sent ${plural(outcome.sent, "moment")} saved on this phone.`, pendingPlace && { href: location.pathname, text: "Show them" });
    }
    outcome.care.forEach((url) => say("Something you wrote sounds very hard.", { href: url, text: "See support now" }));
    if (outcome.refused) {
      say(`${plural(outcome.refused, "moment")} couldn't be sent.`, { href: "/journal/", text: "See why" });
    }
    // The app opening and the signal coming back can both ask the worker, and both answers say the same.
    const waiting = WAITING[outcome.waiting];
    if (waiting && !Array.from(messages.children).some((line) => line.textContent.trim() === waiting)) say(waiting);
    showPending();
  }

  // Sign-out forgets this phone's queue and kept pages (the server's Clear-Site-Data does too, where supported).
  function clearOnSignOut(event) {
    if (signOut.dataset.cleared) return;
    event.preventDefault();
    queue
      .all()
      .then((moments) => {
        const unsent = moments.length;
        const warning = `${plural(unsent, "moment")} saved on this phone ${unsent === 1 ? "hasn't" : "haven't"} been sent. Signing out deletes ${unsent === 1 ? "it" : "them"}. Sign out anyway?`;
        if (unsent && !window.confirm(warning)) return false;
        return Promise.all([queue.forget(), caches.keys().then((names) => Promise.all(names.map((name) => caches.delete(name))))]);
      })
      .catch(() => true)
      .then((go) => {
        if (go === false) return;
        signOut.dataset.cleared = "1";
        signOut.submit();
      });
  }

  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
  navigator.serviceWorker.addEventListener("message", heardFromWorker);
  if (form) {
    if (form.hasAttribute("data-offline-shell")) form.querySelector("[name=idempotency_key]").value = newKey();
    form.addEventListener("submit", keepMoment);
  }
  if (signOut) {
    signOut.addEventListener("submit", clearOnSignOut);
    window.addEventListener("online", askToSend);
    askToSend();
  }
  showPending();
  if (form && new URLSearchParams(location.search).get("saved") === "phone") {
    say("Saved on this phone. It will send when you're online.");
    history.replaceState(null, "", location.pathname);
  } else if (form && !navigator.onLine) {
    queue.all().then((moments) => {
      const waiting = moments.filter((moment) => !moment.problem && (!moment.person || moment.person === person)).length;
      if (waiting) say(`${plural(waiting, "moment")} saved on this phone. ${waiting === 1 ? "It" : "They"} will send when you're online.`);
    });
  }
  const pausePicker = document.querySelector("[data-offline-pause]");
  if (pausePicker) runPauseHere(pausePicker);

  // The kept pause page: the timer runs on this phone.
  function runPauseHere(picker) {
    const timer = document.querySelector("[data-offline-timer]");
    const remaining = timer.querySelector(".js-remaining");
    picker.hidden = false;
    picker.addEventListener("submit", (event) => {
      event.preventDefault();
      const endsAt = Date.now() + Number(event.submitter.value) * 60000;
      picker.hidden = true;
      timer.hidden = false;
      const interval = setInterval(tick, 1000);
      function tick() {
        const seconds = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
        remaining.textContent = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
        if (seconds > 0) return;
        clearInterval(interval);
        document.querySelector("h1").textContent = "Your pause is over";
        timer.querySelector(".js-done-message").textContent = "Your pause is over. How are you now?";
      }
      tick();
    });
  }
})();
