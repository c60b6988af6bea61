// The service worker's offline half. /sw.js defines CACHE, STATIC_FILES, OFFLINE_PAGES and the page addresses.
// Pages: network first, so nothing shown is stale while there is a signal; with none, the kept copy. Only
// lessons and the crisis page are kept as visited; journal pages never, except the two shells (no journal text).
const SHELL_FOR = { [LOG_PAGE]: LOG_SHELL, [PAUSE_PAGE]: PAUSE_SHELL };
const PRIVATE = ["/journal/", "/accounts/", "/reminders/"];
const KEPT_AS_VISITED = ["/lessons/", "/crisis/"];

function startsWithAny(path, prefixes) {
  return prefixes.some((prefix) => path.startsWith(prefix));
}

// A journal shell is kept only when it is the shell itself: a signed-out visitor gets the sign-in page, a locked
// journal the unlock page, and neither is kept.
function keepPage(cache, url) {
  const isPrivate = startsWithAny(url, PRIVATE);
  // A journal page's redirect (to sign in) is not followed: there is nothing to keep, so nothing to download.
  return fetch(url, { credentials: "same-origin", redirect: isPrivate ? "manual" : "follow" })
    .then((response) => {
      if (response.ok && !response.redirected && (!isPrivate || response.headers.get("X-Offline-Shell"))) {
        return cache.put(url, response);
      }
    })
    .catch(() => {});
}

function keepShells() {
  return caches.open(CACHE).then((cache) =>
    Promise.all([LOG_SHELL, PAUSE_SHELL].map((url) => cache.match(url).then((kept) => kept || keepPage(cache, url))))
  );
}

function dropShells() {
  return caches.open(CACHE).then((cache) => Promise.all([LOG_SHELL, PAUSE_SHELL].map((url) => cache.delete(url))));
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => Promise.all([cache.addAll(STATIC_FILES), ...OFFLINE_PAGES.map((url) => keepPage(cache, url))]))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim())
      // Installed while signed out (on the sign-in page), or activated after the person's last page had loaded:
      // keep the shells now if they are signed in, rather than at their next page.
      .then(keepShells)
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && request.mode === "navigate" && url.pathname === LOG_PAGE) {
    event.respondWith(postOrKeep(request, aQuickLog));
    return;
  }
  if (request.method === "POST" && request.mode === "navigate" && PAUSE_FINISH.test(url.pathname)) {
    event.respondWith(postOrKeep(request, howAPauseWent(url.pathname)));
    return;
  }
  if (request.method !== "GET") return;
  if (url.pathname.startsWith("/static/")) {
    // Static names carry their content's hash, so a kept copy is never out of date.
    event.respondWith(caches.match(request).then((kept) => kept || fetch(request)));
  } else if (request.mode === "navigate") {
    event.respondWith(navigate(event, request, url.pathname));
  }
});

function navigate(event, request, path) {
  return fetch(request)
    .then((response) => {
      if (startsWithAny(path, PRIVATE)) {
        const signedOut = response.redirected && new URL(response.url).pathname === "/accounts/login/";
        event.waitUntil(signedOut ? dropShells() : response.ok ? keepShells() : Promise.resolve());
      } else if (response.ok && startsWithAny(path, KEPT_AS_VISITED)) {
        const copy = response.clone();
        event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
      }
      return response;
    })
    .catch(() =>
      caches
        .match(SHELL_FOR[path] || request, { ignoreSearch: path in SHELL_FOR, ignoreVary: true })
        .then((kept) => kept || offlinePage())
    );
}

// A form sent with a signal that then fails (a tunnel, wifi with no internet): the page can't know, so the
// worker keeps it like a moment logged offline, instead of the browser's error page, and opens the kept log to
// say so. `describe(fields, savedAt, form)` adds what this kind of form needs to be sent later.
function postOrKeep(request, describe) {
  const copy = request.clone();
  return fetch(request).catch(() =>
    copy.formData().then((form) => {
      const savedAt = new Date().toISOString();
      const fields = Array.from(form).filter(([name]) => name !== "csrfmiddlewaretoken");
      const kept = { person: lastPerson, fields: fields, savedAt: savedAt, ...describe(fields, savedAt, form) };
      return momentQueue.add(kept).then(() => Response.redirect(LOG_PAGE + "?saved=phone", 303));
    })
  );
}

function aQuickLog(fields, savedAt, form) {
  fillMomentTime(fields, savedAt);
  return { key: form.get("idempotency_key") || self.crypto.randomUUID(), summary: {} };
}

// How a pause went, sent later to the same address with the moment it ended on the phone (the page fills that
// in), so the pause ends when it did, not when it was sent.
const PAUSE_FINISH = /^\/journal\/pause\/\d+\/finish\/$/;

function howAPauseWent(path) {
  return (fields, savedAt) => {
    const ended = fields.find(([name]) => name === "ended_on_phone_at");
    if (ended && !ended[1]) ended[1] = savedAt;
    return { key: "finish:" + path, url: path, summary: { trigger: "How your pause went" } };
  };
}

function offlinePage() {
  const css = STATIC_FILES.find((url) => url.includes("/css/"));
  const scripts = STATIC_FILES.filter((url) => url.endsWith(".js"))
    .map((url) => `<script src="${url}" defer></script>`)
    .join("");
  const html = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>No signal · Secure Base</title>
<link rel="stylesheet" href="${css}">${scripts}</head><body data-person="${lastPerson || ""}"><main id="main">
<div class="messages" id="messages" role="status"></div>
<h1>No signal right now</h1>
<p>This page isn't saved on this phone. These work with no signal:</p>
<ul><li><a href="${LOG_PAGE}">Log a moment</a></li><li><a href="${PAUSE_PAGE}">Take a pause</a></li>
<li><a href="/lessons/">Lessons you have read</a></li><li><a href="/crisis/">Find help now</a></li></ul>
<p data-pending-moments></p></main></body></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

// Sending. The idempotency key in each moment makes a repeat harmless: the server keeps the first and answers
// the rest with it. So a moment is removed only after the server has it, and may be sent again at any time.
// Each moment carries who logged it, so on a shared phone it is never sent into another person's journal.
let sending = Promise.resolve();
let lastPerson = null; // who the pages last said is signed in, for a moment the worker keeps itself

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "send-moments") return;
  lastPerson = data.person || lastPerson;
  event.waitUntil(sendMoments(data.token ? { token: data.token, person: data.person } : null));
});

self.addEventListener("sync", (event) => {
  if (event.tag === "send-moments") event.waitUntil(sendMoments(null));
});

// One pass at a time; a call during a pass runs one more after it, so a moment kept meanwhile is not missed.
function sendMoments(session) {
  sending = sending.then(() => sendAll(session)).catch(() => {});
  return sending;
}

// A new CSRF token and the signed-in person, from the log shell fetched again (and kept again); or why not.
function freshSession() {
  return fetch(LOG_SHELL, { credentials: "same-origin", redirect: "manual" }).then((response) => {
    if (!response.ok) return { waiting: "sign-in" };
    if (!response.headers.get("X-Offline-Shell")) return { waiting: "unlock" };
    const copy = response.clone();
    return caches
      .open(CACHE)
      .then((cache) => cache.put(LOG_SHELL, copy))
      .then(() => response.text())
      .then((html) => {
        const token = html.match(/name="csrfmiddlewaretoken" value="([^"]+)"/);
        const person = html.match(/data-person="([^"]+)"/);
        return token && person ? { token: token[1], person: person[1] } : { waiting: "sign-in" };
      });
  });
}

function isSomeoneElses(moment, session) {
  return Boolean(moment.person) && moment.person !== session.person;
}

function firstError(html) {
  const found = html.match(/<ul class="errorlist[^"]*"[^>]*>\s*<li>([\s\S]*?)<\/li>/);
  return found ? found[1].replace(/<[^>]+>/g, "").replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').trim() : "";
}

function post(moment, token) {
  const body = new URLSearchParams(moment.fields);
  body.set("csrfmiddlewaretoken", token);
  return fetch(moment.url || LOG_PAGE, { method: "POST", body: body, credentials: "same-origin" }).then((response) =>
    response.text().then((html) => ({ response: response, html: html }))
  );
}

// What the server's answer means: "sent", "stale" (the CSRF check failed), "sign-in", "unlock", "later" (a
// server problem), or a reason the journal refused it, shown to the person.
function verdict(answer) {
  const { response, html } = answer;
  const path = new URL(response.url).pathname;
  if (response.redirected && /^\/journal\/(log|pause)\/\d+\/$/.test(path)) return "sent";
  if (path === "/accounts/login/") return "sign-in";
  if (response.status === 403) return "stale";
  if (response.status >= 500) return "later";
  if (html.includes('action="/journal/unlock/"')) return "unlock";
  const reason = firstError(html) || (response.status >= 400 ? `the journal said no (${response.status})` : "");
  return "refused: " + (reason || "the journal couldn't take it as it is");
}

async function sendAll(session) {
  const outcome = { type: "moments-sent", sent: 0, refused: 0, waiting: "", care: [] };
  let moments = [];
  try {
    moments = (await momentQueue.all()).filter((moment) => !moment.problem);
    if (moments.length && !session) session = await freshSession();
    for (const moment of moments) {
      if (session.waiting) {
        outcome.waiting = session.waiting;
        break;
      }
      if (isSomeoneElses(moment, session)) continue; // kept for them; signing out deletes it
      let answer = await post(moment, session.token);
      let result = verdict(answer);
      if (result === "stale") {
        session = await freshSession();
        if (session.waiting || isSomeoneElses(moment, session)) continue;
        result = verdict((answer = await post(moment, session.token)));
        if (result === "stale") result = "refused: the journal said no (403)";
      }
      if (result === "sent") {
        await momentQueue.remove(moment.seq);
        outcome.sent += 1;
        if (answer.html.includes('class="care-panel"')) outcome.care.push(answer.response.url);
      } else if (result.startsWith("refused: ")) {
        await momentQueue.put({ ...moment, problem: result.slice("refused: ".length) });
        outcome.refused += 1;
      } else {
        outcome.waiting = result;
        break;
      }
    }
  } catch (error) {
    outcome.waiting = "offline"; // no signal after all: everything not sent stays for the next try
  }
  if (!moments.length) return;
  const windows = await self.clients.matchAll({ type: "window" });
  windows.forEach((client) => client.postMessage(outcome));
}
