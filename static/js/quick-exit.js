// "Leave quickly": hide this page at once, then swap it for a neutral one with location.replace, so the
// page does not stay in this tab's history. Without this script the control is a plain link to the same page.
// Pressing Shift three times also leaves, as with GOV.UK's "Exit this page".
(function () {
  function leave() {
    const link = document.querySelector(".js-quick-exit");
    if (!link) return;
    document.documentElement.classList.add("leaving");
    document.title = "";
    window.location.replace(link.href);
  }

  document.addEventListener("click", function (event) {
    if (!event.target.closest(".js-quick-exit")) return;
    event.preventDefault();
    leave();
  });

  let shiftPresses = 0;
  let resetTimer;
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      shiftPresses = 0;
      return;
    }
    shiftPresses += 1;
    clearTimeout(resetTimer);
    resetTimer = setTimeout(function () { shiftPresses = 0; }, 1000);
    if (shiftPresses === 3) leave();
  });
})();
