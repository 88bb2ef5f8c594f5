// Small progressive enhancements; every page works without JavaScript.
document.documentElement.classList.add("js");

// Apply a new sort order as soon as it is chosen.
for (const select of document.querySelectorAll(".sort-form select")) {
  select.addEventListener("change", () => select.form.submit());
}
