// "Notifications on this device" on the reminders page. The browser asks for permission only when the button is
// tapped; the subscription is sent to the server, which sends nothing but a fixed line and a link.
(function () {
  const box = document.querySelector(".js-push");
  if (!box || !("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return;
  const status = box.querySelector(".js-push-status");
  const on = box.querySelector(".js-push-on");
  const off = box.querySelector(".js-push-off");
  const csrf = document.querySelector("input[name=csrfmiddlewaretoken]").value;
  box.hidden = false;
  document.querySelector(".js-push-missing").hidden = true;

  function keyBytes(base64url) {
    const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (base64url.length % 4)) % 4);
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body),
      credentials: "same-origin",
    }).then((response) => {
      if (!response.ok) throw new Error("The server said no");
    });
  }

  function show(subscribed, message) {
    on.hidden = subscribed;
    off.hidden = !subscribed;
    if (message) status.textContent = message;
  }

  // A push service that can't be reached (no network, a blocked host) may never answer: give up kindly.
  function withinSeconds(seconds, promise) {
    const late = new Promise((resolve, reject) => setTimeout(() => reject(new Error("timeout")), seconds * 1000));
    return Promise.race([promise, late]);
  }

  function registration() {
    return navigator.serviceWorker.register(box.dataset.worker, { scope: "/" }).then(() => navigator.serviceWorker.ready);
  }

  on.addEventListener("click", () => {
    on.disabled = true;
    status.textContent = "Asking your browser…";
    Notification.requestPermission()
      .then((permission) => {
        if (permission !== "granted") throw new Error("blocked");
        return registration();
      })
      .then((reg) =>
        withinSeconds(20, reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(box.dataset.key) }))
      )
      .then((subscription) => post(box.dataset.save, subscription.toJSON()))
      .then(() => show(true, "Notifications are on for this device."))
      .catch((error) =>
        show(
          false,
          error.message === "blocked"
            ? "Notifications are blocked for this site. You can allow them in your browser's site settings."
            : "Couldn't turn on notifications here just now. E-mail still works."
        )
      )
      .finally(() => {
        on.disabled = false;
      });
  });

  off.addEventListener("click", () => {
    registration()
      .then((reg) => reg.pushManager.getSubscription())
      .then((subscription) => subscription && post(box.dataset.forget, { endpoint: subscription.endpoint }).then(() => subscription.unsubscribe()))
      .then(() => show(false, "Notifications are off for this device."))
      .catch(() => show(true, "Couldn't turn them off just now. Please try again."));
  });

  navigator.serviceWorker.getRegistration("/")
    .then((reg) => reg && reg.pushManager.getSubscription())
    .then((subscription) => show(Boolean(subscription) && Notification.permission === "granted"));
})();
