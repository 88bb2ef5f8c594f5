// Small progressive enhancements; every page works without JavaScript.
document.documentElement.classList.add("js");

// Apply a new sort order as soon as it is chosen.
for (const select of document.querySelectorAll(".sort-form select")) {
  select.addEventListener("change", () => select.form.submit());
}

// Ask before a destructive form (remove a case, delete a collection or saved search) is sent.
for (const form of document.querySelectorAll("form.confirm")) {
  form.addEventListener("submit", (event) => {
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  });
}
