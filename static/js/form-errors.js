// After a form comes back with something to fix, the first such field gets focus and sits mid-screen,
// so the message is never a page away from what it is about (and never under the sticky save button).
document.addEventListener("DOMContentLoaded", () => {
  const field = document.querySelector(".field-error");
  const input = field && field.querySelector("input:checked, input:not([type=hidden]), select, textarea");
  if (!input) return;
  input.focus({ preventScroll: true });
  field.scrollIntoView({ block: "center" });
});
