// Unit tree: a disclosure button per unit loads its children once (htmx), then toggles them.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-tree-toggle]");
  if (!button) return;
  var list = document.getElementById(button.getAttribute("aria-controls"));
  if (!list) return;
  var open = button.getAttribute("aria-expanded") === "true";
  button.setAttribute("aria-expanded", open ? "false" : "true");
  list.hidden = open;
  if (!open && !list.dataset.loaded) {
    list.dataset.loaded = "1";
    list.innerHTML = '<li class="muted">…</li>';
    htmx.trigger(button, "kh-load");
  }
});

// A user with a single top unit sees its first level straight away.
document.addEventListener("DOMContentLoaded", function () {
  var roots = document.querySelectorAll("ul.tree-root > li.tree-node");
  if (roots.length !== 1) return;
  var button = roots[0].querySelector(":scope > .node-row > [data-tree-toggle]");
  if (button && button.getAttribute("aria-expanded") === "false") button.click();
});
