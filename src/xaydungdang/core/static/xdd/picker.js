// The organisation picker (core/templates/core/widgets/organisation.html, core.fields.OrganisationPicker):
// a combobox whose suggestions htmx fetches from the organisation search, chosen with the mouse or the
// keyboard (arrows, Enter, Escape). The hidden input is what the form sends: the code of the organisation
// picked, or what was typed (an exact code works without picking). A file, not inline code: CSP.
// A multi-value picker ([data-multiple], core.fields.OrganisationsPicker) keeps each organisation picked as a
// chip with a remove button; its hidden input sends the chips' codes and then what is typed, separated by commas
// (codes typed "CB1A, CB1B" work without picking); the suggestions are for the words after the last comma.
(function () {
  "use strict";

  function partsOf(input) {
    var box = input.closest("[data-org-picker]");
    return { box: box, value: box.querySelector("[data-picker-value]"),
             list: document.getElementById(input.getAttribute("aria-controls")) };
  }

  function choices(list) {
    return Array.prototype.slice.call(list.querySelectorAll("[role=option]:not([aria-disabled=true])"));
  }

  function setOpen(input, list, open) {
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) { input.removeAttribute("aria-activedescendant"); }
  }

  function activate(input, list, index) {
    var options = choices(list);
    options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
    if (index < 0 || index >= options.length) { input.removeAttribute("aria-activedescendant"); return; }
    input.setAttribute("aria-activedescendant", options[index].id);
    options[index].scrollIntoView({ block: "nearest" });
  }

  function activeIndex(input, list) {
    var id = input.getAttribute("aria-activedescendant");
    return choices(list).findIndex(function (option) { return option.id === id; });
  }

  function isMultiple(box) { return box.hasAttribute("data-multiple"); }

  function typedParts(input) {
    return input.value.split(/[,;]/).map(function (part) { return part.trim(); });
  }

  // The multi-value picker's hidden value: the chips' codes, then the parts typed (each once).
  function syncMultiple(box, input) {
    var codes = Array.prototype.map.call(box.querySelectorAll(".org-chip"), function (chip) {
      return chip.dataset.code;
    });
    typedParts(input).forEach(function (part) { if (part && codes.indexOf(part) < 0) { codes.push(part); } });
    box.querySelector("[data-picker-value]").value = codes.join(", ");
  }

  function addChip(box, option) {
    var chips = box.querySelector(".org-chips");
    if (chips.querySelector(".org-chip[data-code='" + option.dataset.code + "']")) { return; }
    var chip = document.createElement("li");
    chip.className = "org-chip";
    chip.dataset.code = option.dataset.code;
    var label = document.createElement("span");
    label.textContent = option.dataset.label;
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "org-chip-remove";
    remove.textContent = "×";
    remove.setAttribute("aria-label", (box.dataset.removeLabel || "") + " " + option.dataset.label);
    chip.append(label, " ", remove);
    chips.appendChild(chip);
  }

  function pickMultiple(input, option, parts) {
    addChip(parts.box, option);
    var before = typedParts(input).slice(0, -1).filter(Boolean);  // the words searched for are done with
    input.value = before.length ? before.join(", ") + ", " : "";
    syncMultiple(parts.box, input);
    setOpen(input, parts.list, false);
    parts.value.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function pick(input, option) {
    var parts = partsOf(input);
    if (isMultiple(parts.box)) { pickMultiple(input, option, parts); return; }
    parts.value.value = option.dataset.code;
    input.value = option.dataset.label;
    setOpen(input, parts.list, false);
    parts.value.dispatchEvent(new Event("change", { bubbles: true }));  // forms that refresh on change
    if (parts.box.hasAttribute("data-submit-on-pick") && input.form) {
      if (input.form.requestSubmit) { input.form.requestSubmit(); } else { input.form.submit(); }
    }
  }

  function isPicker(element) {
    return element && element.matches && element.matches("[data-org-picker] [role=combobox]");
  }

  var DELAY_MS = 250;
  var timers = {};
  var latest = {};

  // Ask the organisation search for the matches: the text, the capability the field needs and, for a dated
  // list, the list's day. htmx.ajax from the document (not the box): nothing is inherited from an htmx form
  // around the box (its target, its URL push). Only the answer to the latest request is shown.
  function search(input) {
    var list = partsOf(input).list;
    var multiple = isMultiple(partsOf(input).box);
    var values = { chon: multiple ? typedParts(input).pop() : input.value, quyen: input.dataset.capability || "view" };
    if (input.dataset.within) { values.duoi = input.dataset.within; }
    if (input.dataset.excluded) { values.bo = input.dataset.excluded; }
    var day = input.form && input.form.elements.namedItem("ngay");
    if (input.hasAttribute("data-dated") && day && day.value) { values.ngay = day.value; }
    latest[list.id] = String((Number(latest[list.id]) || 0) + 1);
    window.htmx.ajax("GET", input.dataset.searchUrl, { target: "#" + list.id, swap: "innerHTML", values: values,
                                                       headers: { "X-Picker-Request": latest[list.id] } });
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var list = event.detail.target;
    if (!list || list.getAttribute("role") !== "listbox") { return; }
    var sent = event.detail.requestConfig && event.detail.requestConfig.headers["X-Picker-Request"];
    if (sent && sent !== latest[list.id]) { event.detail.shouldSwap = false; }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var list = event.detail.target;
    if (!list || list.getAttribute("role") !== "listbox") { return; }
    var input = document.querySelector("[aria-controls='" + list.id + "']");
    if (!input) { return; }
    list.querySelectorAll("[role=option]").forEach(function (option, i) { option.id = list.id + "-" + i; });
    setOpen(input, list, document.activeElement === input && input.value.trim() !== "");
  });

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!isPicker(input)) { return; }
    var parts = partsOf(input);
    var multiple = isMultiple(parts.box);
    if (multiple) { syncMultiple(parts.box, input); } else { parts.value.value = input.value.trim(); }
    window.clearTimeout(timers[parts.list.id]);
    var searched = multiple ? typedParts(input).pop() : input.value.trim();
    if (!searched) { setOpen(input, parts.list, false); return; }
    timers[parts.list.id] = window.setTimeout(function () { search(input); }, DELAY_MS);
  });

  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!isPicker(input)) { return; }
    var list = partsOf(input).list;
    var options = choices(list);
    var index = activeIndex(input, list);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!options.length) { return; }
      event.preventDefault();
      setOpen(input, list, true);
      var step = event.key === "ArrowDown" ? 1 : -1;
      activate(input, list, index < 0 ? (step > 0 ? 0 : options.length - 1)
                                      : (index + step + options.length) % options.length);
    } else if (event.key === "Enter" && !list.hidden) {
      var chosen = index >= 0 ? options[index] : options[0];  // Enter takes the first match
      if (chosen) { event.preventDefault(); pick(input, chosen); }
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      setOpen(input, list, false);
    }
  });

  // Keep the focus in the box while an option is clicked, then pick it.
  document.addEventListener("mousedown", function (event) {
    if (event.target.closest && event.target.closest(".org-options")) { event.preventDefault(); }
  });

  document.addEventListener("click", function (event) {
    var remove = event.target.closest && event.target.closest(".org-chip-remove");
    if (remove) {
      var box = remove.closest("[data-org-picker]");
      var typed = box.querySelector("[role=combobox]");
      remove.closest(".org-chip").remove();
      syncMultiple(box, typed);
      typed.focus();
      return;
    }
    var option = event.target.closest && event.target.closest(".org-options [role=option]");
    if (!option || option.getAttribute("aria-disabled") === "true") { return; }
    var input = document.querySelector("[aria-controls='" + option.parentElement.id + "']");
    if (input) { pick(input, option); }
  });

  document.addEventListener("focusout", function (event) {
    var input = event.target;
    if (isPicker(input)) { setOpen(input, partsOf(input).list, false); }
  });
})();
