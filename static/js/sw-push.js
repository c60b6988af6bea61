// Push handlers for the root service worker (/sw.js brings them in with importScripts).
// A push carries only a fixed title and a link to one of our pages; tapping it opens that page.
self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch (error) {
    message = {};
  }
  const target = new URL(message.url || "/", self.location.origin);
  const url = target.origin === self.location.origin ? target.href : self.location.origin + "/";
  event.waitUntil(
    self.registration.showNotification(message.title || "Secure Base: a moment for you", {
      data: { url: url },
      icon: "/static/favicon.svg",
      tag: url,
    })
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || self.location.origin + "/";
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => client.url === url && "focus" in client);
      return open ? open.focus() : self.clients.openWindow(url);
    })
  );
});
