// The results report's parts save themselves while the officer types (two seconds after the
// last key), say whether they are saved, and the page warns before it is left with a part
// unsaved. Without JavaScript each part keeps its own "Lưu phần này" button.
(function () {
  var DELAY = 2000;
  var timers = new WeakMap();
  var saved = new WeakMap();   // form -> the text the server holds

  function parts() { return document.querySelectorAll("form.results-section"); }
  function area(form) { return form.querySelector("textarea[name=text]"); }
  function status(form, text, kind) {
    var box = form.querySelector(".autosave-status");
    if (!box) return;
    box.textContent = text;
    box.dataset.kind = kind || "";
  }
  function remember(form) {
    if (!saved.has(form)) saved.set(form, area(form).value);
  }
  function dirty(form) { return saved.has(form) && area(form).value !== saved.get(form); }

  function save(form) {
    var text = area(form).value;
    if (text === saved.get(form)) return;
    var body = new FormData(form);
    status(form, form.dataset.saving);
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      })
      .then(function (answer) {
        if (!answer.ok) {
          status(form, answer.data.detail || form.dataset.failed, "error");
          return;
        }
        form.querySelector("input[name=version]").value = answer.data.version;
        saved.set(form, text);
        if (area(form).value === text) status(form, form.dataset.savedAt + " " + answer.data.time, "ok");
      })
      .catch(function () { status(form, form.dataset.offline, "error"); });
  }

  document.addEventListener("focusin", function (event) {
    var form = event.target.closest && event.target.closest("form.results-section");
    if (form) remember(form);
  });
  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form.results-section");
    if (!form) return;
    remember(form);
    status(form, form.dataset.unsaved, "pending");
    clearTimeout(timers.get(form));
    timers.set(form, setTimeout(function () { save(form); }, DELAY));
  });
  // A part saved with its button is swapped in fresh: it starts clean.
  document.addEventListener("htmx:afterSwap", function () {
    parts().forEach(function (form) { saved.set(form, area(form).value); });
  });
  window.addEventListener("beforeunload", function (event) {
    var pending = Array.prototype.some.call(parts(), dirty);
    if (pending) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
