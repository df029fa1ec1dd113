// Marks the page as scripted so NHS.UK components enhance themselves; a file, not inline, so a strict CSP holds.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " nhsuk-frontend-supported" : "");
