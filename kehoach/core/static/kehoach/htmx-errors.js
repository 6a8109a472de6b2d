// In-page (htmx) requests that fail say so plainly instead of silently doing nothing.
// The server answers htmx requests that break a rule with a short Vietnamese text (see
// kehoach.core.middleware.DomainErrorMiddleware).
(function () {
  function show(text) {
    var box = document.getElementById("htmx-error");
    if (!box) return;
    box.textContent = text;
    box.hidden = false;
    box.scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var box = document.getElementById("htmx-error");
    var type = (xhr.getResponseHeader("Content-Type") || "").toLowerCase();
    var text = type.indexOf("text/plain") === 0 && xhr.responseText ? xhr.responseText : (box && box.dataset.failed);
    show(text);
  });
  document.addEventListener("htmx:sendError", function () {
    var box = document.getElementById("htmx-error");
    show(box && box.dataset.offline);
  });
  document.addEventListener("htmx:beforeRequest", function () {
    var box = document.getElementById("htmx-error");
    if (box) box.hidden = true;
  });
})();
