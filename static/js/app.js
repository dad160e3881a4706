// Page behaviour that needs script; kept in a file so the Content-Security-Policy can
// forbid inline script.
(function () {
  "use strict";

  // Bring the passage the user chose (or else the first one) of the statement viewer into view.
  function scrollToEvidence(root) {
    var viewer = root.closest ? root.closest("#statement-viewer") || root : root;
    var text = viewer.querySelector("[data-scroll-to-mark]");
    if (!text) {
      return;
    }
    var mark = text.querySelector("mark[data-chosen]") || text.querySelector("mark[id^='evidence-']");
    showMark(text, mark);
  }

  // The first piece of each passage carries an id; those are the stops of Previous/Next.
  function passages(text) {
    return Array.prototype.slice.call(text.querySelectorAll("mark[id^='evidence-']"));
  }

  function showMark(text, mark) {
    if (!mark) {
      return;
    }
    passages(text).forEach(function (other) {
      other.classList.remove("evidence-current");
    });
    mark.classList.add("evidence-current");
    mark.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function stepEvidence(button) {
    var viewer = button.closest("#statement-viewer");
    var text = viewer && viewer.querySelector("[data-scroll-to-mark]");
    if (!text) {
      return;
    }
    var stops = passages(text);
    var current = stops.indexOf(text.querySelector("mark.evidence-current"));
    var step = parseInt(button.getAttribute("data-evidence-step"), 10) || 1;
    showMark(text, stops[(current + step + stops.length) % stops.length]);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-evidence-step]");
    if (button) {
      stepEvidence(button);
    }
  });

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
