/* phoihop portal: the read beacon, "copy link" and "print". Loaded with `defer`; the page works without it. */
(function () {
  "use strict";

  // One read per page view, sent once the page is actually visible (not for prerendered tabs).
  var article = document.querySelector("[data-read-beacon]");
  if (article && navigator.sendBeacon) {
    var sent = false;
    var send = function () {
      if (sent || document.visibilityState !== "visible") return;
      sent = true;
      navigator.sendBeacon(article.getAttribute("data-read-beacon"));
    };
    send();
    document.addEventListener("visibilitychange", send);
  }

  var status = document.querySelector(".share-status");
  var copy = document.querySelector("[data-copy-link]");
  if (copy && navigator.clipboard) {
    copy.addEventListener("click", function (event) {
      event.preventDefault();
      navigator.clipboard.writeText(copy.href).then(function () {
        if (status) status.textContent = copy.getAttribute("data-copied");
      });
    });
  }

  var print = document.querySelector("[data-print]");
  if (print && window.print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
})();
