// Page behaviour that needs script; kept in a file so the Content-Security-Policy can
// forbid inline script.
(function () {
  "use strict";

  // Bring the first highlighted evidence sentence of the statement viewer into view.
  function scrollToEvidence(root) {
    var viewer = root.closest ? root.closest("#statement-viewer") || root : root;
    var mark = viewer.querySelector("[data-scroll-to-mark] mark");
    if (mark) {
      mark.scrollIntoView({ block: "center", behavior: "smooth" });
    }
  }

  // Show which answer the viewer is quoting.
  function markChosenRow(link) {
    var rowId = link.getAttribute("data-answer-row");
    document.querySelectorAll(".answer-row.list-group-item-primary").forEach(function (row) {
      row.classList.remove("list-group-item-primary");
    });
    var row = rowId && document.getElementById(rowId);
    if (row) {
      row.classList.add("list-group-item-primary");
    }
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "statement-viewer") {
      scrollToEvidence(event.detail.target);
      if (event.detail.requestConfig && event.detail.requestConfig.elt) {
        markChosenRow(event.detail.requestConfig.elt);
      }
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var viewer = document.getElementById("statement-viewer");
    if (viewer) {
      scrollToEvidence(viewer);
    }
  });
})();
