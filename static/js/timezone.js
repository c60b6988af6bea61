// Sign-up: sends the device's time zone along. Settings: suggests it; choosing it is still up to the person.
(function () {
  const zoneField = document.getElementById("id_time_zone");
  if (zoneField && zoneField.type === "hidden") {
    zoneField.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    return;
  }
  const select = zoneField;
  const hint = document.querySelector(".js-zone-suggestion");
  if (!select || !hint) return;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || select.value === zone || !select.querySelector('option[value="' + zone + '"]')) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "link-button";
  button.textContent = "Use " + zone.replace(/_/g, " ");
  button.addEventListener("click", function () {
    select.value = zone;
    hint.textContent = "Time zone set to " + zone.replace(/_/g, " ") + ". Save to keep it.";
  });
  hint.append("Your device says you are in " + zone.replace(/_/g, " ") + ". ", button);
  hint.hidden = false;
})();
