// With JavaScript on, a page whose job is still running reloads itself every 2 seconds until it finishes.
const status = document.querySelector("[data-finished]");
if (status && status.dataset.finished === "false") {
  setTimeout(() => window.location.reload(), 2000);
}
