// Moments saved on this phone while there was no signal, oldest first, in IndexedDB. Nothing here leaves the
// phone except through the service worker, which sends each to our own quick log once the signal is back.
// Loaded by the pages (which add moments) and by the service worker (which sends them).
self.momentQueue = (function () {
  const DATABASE = "secure-base-offline";
  const STORE = "moments";

  function open() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DATABASE, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "seq", autoIncrement: true });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  function run(mode, work) {
    return open().then(
      (db) =>
        new Promise((resolve, reject) => {
          const transaction = db.transaction(STORE, mode);
          const request = work(transaction.objectStore(STORE));
          transaction.oncomplete = () => {
            db.close();
            resolve(request.result);
          };
          transaction.onerror = transaction.onabort = () => {
            db.close();
            reject(transaction.error);
          };
        })
    );
  }

  return {
    add: (moment) => run("readwrite", (store) => store.add(moment)),
    all: () => run("readonly", (store) => store.getAll()),
    put: (moment) => run("readwrite", (store) => store.put(moment)),
    remove: (seq) => run("readwrite", (store) => store.delete(seq)),
    forget: () =>
      new Promise((resolve) => {
        const request = indexedDB.deleteDatabase(DATABASE);
        request.onsuccess = request.onerror = request.onblocked = () => resolve();
      }),
  };
})();

// When a moment kept on the phone happened, worked out at the tap, not at sending: "15 min ago" is 15 minutes
// before it was saved, and "earlier today at 07:30" is that day even if it is sent tomorrow. A day and time the
// person typed stands as typed. Fills `occurred_at` in the moment's fields.
self.fillMomentTime = function (fields, savedAt) {
  const value = (name) => (fields.find(([field]) => field === name) || [])[1] || "";
  const occurred = fields.find(([name]) => name === "occurred_at");
  if (!occurred || occurred[1]) return;
  const saved = new Date(savedAt);
  const [hour, minute] = value("earlier_today").split(":").map(Number);
  if (!isNaN(hour) && !isNaN(minute)) {
    saved.setHours(hour, minute, 0, 0);
    occurred[1] = saved.toISOString();
  } else {
    occurred[1] = new Date(saved.getTime() - (Number(value("when")) || 0) * 60000).toISOString();
  }
};
