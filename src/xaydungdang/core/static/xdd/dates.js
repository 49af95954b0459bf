// The calendar button of the date fields (core/templates/core/widgets/date.html): it opens the
// browser's own date picker (a native date input kept out of sight) and writes the chosen day
// back into the text box as d/m/yyyy. The text box stays the field: what was typed is what is
// sent, and kept when it is wrong. A file, not inline code: pages forbid inline script (CSP).
(function () {
  "use strict";

  function pad(part) { return part.length === 1 ? "0" + part : part; }

  // "31/8/2023", "31-08-2023", "31.8.2023" or "2023-08-31" -> "2023-08-31"; "" when not a date.
  function toIso(text) {
    var found = /^\s*(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})\s*$/.exec(text);
    if (found) { return found[3] + "-" + pad(found[2]) + "-" + pad(found[1]); }
    found = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(text);
    return found ? found[1] + "-" + found[2] + "-" + found[3] : "";
  }

  // "2023-08-31" -> "31/8/2023", as the application writes dates.
  function toVn(iso) {
    var parts = iso.split("-");
    return parseInt(parts[2], 10) + "/" + parseInt(parts[1], 10) + "/" + parts[0];
  }

  function enhance(box) {
    var text = box.querySelector("input:not([data-date-picker])");
    var button = box.querySelector("[data-date-calendar]");
    var picker = box.querySelector("[data-date-picker]");
    if (box.dataset.dateReady || !text || !button || !picker || typeof picker.showPicker !== "function") {
      return;
    }
    box.dataset.dateReady = "1";
    picker.hidden = false;
    button.hidden = false;
    button.addEventListener("click", function () {
      picker.value = toIso(text.value);
      try {
        picker.showPicker();
      } catch (error) {
        picker.focus();
      }
    });
    picker.addEventListener("change", function () {
      if (!picker.value) { return; }
      text.value = toVn(picker.value);
      text.dispatchEvent(new Event("change", { bubbles: true }));
      text.focus();
    });
  }

  function enhanceAll(root) {
    if (root && root.querySelectorAll) { root.querySelectorAll("[data-date-input]").forEach(enhance); }
  }

  document.addEventListener("DOMContentLoaded", function () { enhanceAll(document); });
  document.addEventListener("htmx:load", function (event) { enhanceAll(event.target); });
})();
