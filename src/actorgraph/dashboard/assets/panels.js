/* Keeps the export panel (details.ag-export > .ag-export-body) inside the window, whatever
 * the fonts make of the toolbar: it opens below its button, left-aligned with it when there is
 * room and moved left until it fits when there is not, never wider than the window. When it
 * reaches below the window the page scrolls it into view; where the page cannot scroll (the
 * explorer is one screen high) the panel gets a scroll bar of its own. Runs when a panel opens
 * and when the window is resized.
 */
(function () {
  "use strict";
  var MARGIN = 8;

  function place(details) {
    var body = details.querySelector(".ag-export-body");
    if (!body || !details.open) { return; }
    var anchor = (details.querySelector("summary") || details).getBoundingClientRect();
    var host = details.getBoundingClientRect();
    body.style.right = "auto";
    body.style.maxHeight = "";
    body.style.maxWidth = (window.innerWidth - 2 * MARGIN) + "px";
    var width = body.getBoundingClientRect().width;
    var left = Math.max(MARGIN, Math.min(anchor.left, window.innerWidth - MARGIN - width));
    body.style.left = (left - host.left) + "px";
    body.style.top = (anchor.bottom + 4 - host.top) + "px";
    var box = body.getBoundingClientRect();
    if (box.bottom > window.innerHeight - MARGIN) {
      body.scrollIntoView({block: "nearest"});
      box = body.getBoundingClientRect();
      if (box.bottom > window.innerHeight - MARGIN) {
        body.style.maxHeight = Math.max(120, window.innerHeight - MARGIN - box.top) + "px";
        body.style.overflowY = "auto";
      }
    }
  }

  document.addEventListener("toggle", function (event) {
    var target = event.target;
    if (target && target.classList && target.classList.contains("ag-export")) {
      place(target);
    }
  }, true);
  window.addEventListener("resize", function () {
    document.querySelectorAll("details.ag-export[open]").forEach(place);
  });
})();
