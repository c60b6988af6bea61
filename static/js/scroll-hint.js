// "Scroll sideways to see more" above each table that is wider than its box, and only while it is: the check runs
// again when the box or the text size changes. Without this script the tables still scroll and can be focused.
(function () {
  if (!("ResizeObserver" in window)) return;
  const HINT = "Scroll sideways to see more →";

  function hintFor(region) {
    const before = region.previousElementSibling;
    if (before && before.classList.contains("scroll-hint")) return before;
    const hint = document.createElement("p");
    hint.className = "scroll-hint small";
    hint.setAttribute("aria-hidden", "true");
    hint.textContent = HINT;
    region.before(hint);
    return hint;
  }

  const observer = new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      const region = entry.target.closest(".table-scroll");
      hintFor(region).hidden = region.scrollWidth <= region.clientWidth;
    });
  });
  document.querySelectorAll(".table-scroll").forEach(function (region) {
    observer.observe(region);
    const table = region.querySelector("table");
    if (table) observer.observe(table);
  });
})();
