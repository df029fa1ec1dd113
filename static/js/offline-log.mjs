// Logging without signal (issue 18). With no network, the log form keeps the conversation on this phone, with its
// idempotency key, and says so; whenever a page of the service opens with the network back, or the phone comes
// back online, the waiting conversations are sent, each once (the server ignores a key it has already stored).
// A phone can say it is online on a signal too weak to carry anything: then the form is sent in the background,
// and if no answer comes within SEND_TIMEOUT_MS (or the request fails) it is kept on the phone the same way, and
// retried every RETRY_MS while any wait. Without JavaScript the form posts as usual. The service worker (/sw.js) only keeps the blank log form and the
// static files, so the form still opens with no signal; it never keeps a page with anyone's records on it.
const QUEUE = "mecc-offline-conversations";
const SEND_TIMEOUT_MS = 10000;
const RETRY_MS = 30000;

function waiting() {
  try {
    return JSON.parse(localStorage.getItem(QUEUE) || "[]");
  } catch {
    return [];
  }
}

function store(entries) {
  localStorage.setItem(QUEUE, JSON.stringify(entries));
}

function say(text) {
  const status = document.getElementById("offline-status");
  if (!status) return;
  status.hidden = false;
  status.querySelector("p").textContent = text;
}

function waitingText(count, weakSignal) {
  const why = weakSignal ? "The signal is too weak to send it now. " : "";
  return count === 1
    ? `${why}Saved on this phone; it will be sent when you are back online. 1 conversation waiting.`
    : `${why}Saved on this phone; they will be sent when you are back online. ${count} conversations waiting.`;
}

function post(action, body) {
  return fetch(action, {
    method: "POST",
    body,
    credentials: "same-origin",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
}

// The log answers a saved conversation (or one already saved: the key makes a resend harmless) by redirecting to
// its confirmation, whose address names it.
function saved(response) {
  return response.redirected && new URL(response.url).searchParams.has("saved");
}

let sending = false;

async function send() {
  if (sending || !navigator.onLine) return;
  sending = true;
  try {
    let entries = waiting();
    for (const entry of [...entries]) {
      let response;
      try {
        response = await post(entry.action, entry.body);
      } catch {
        break; // still no network, or too weak a signal: try again later
      }
      if (saved(response)) {
        entries = waiting().filter((item) => item.key !== entry.key);
        store(entries);
      }
    }
    const left = waiting().length;
    if (left) {
      say(`${left} conversation${left === 1 ? "" : "s"} could not be sent yet. Open the log form with signal to try again.`);
    } else if (document.getElementById("offline-status")?.hidden === false) {
      say("Back online: every conversation saved on this phone has been sent.");
    }
  } finally {
    sending = false;
  }
}

function keep(form, entry, weakSignal) {
  const entries = waiting();
  entries.push(entry);
  store(entries);
  // Ready for the next conversation: what was ticked is cleared, and it gets a key of its own.
  form.querySelectorAll('input[type="checkbox"]:checked').forEach((box) => {
    box.checked = false;
  });
  const note = form.querySelector("textarea[name='note']");
  if (note) note.value = "";
  form.querySelector("input[name='client_key']").value = crypto.randomUUID();
  say(waitingText(entries.length, weakSignal));
  document.getElementById("offline-status").focus();
}

async function submit(form, event) {
  event.preventDefault();
  const data = new FormData(form);
  const entry = {
    action: form.action || window.location.pathname,
    body: new URLSearchParams(data).toString(),
    key: String(data.get("client_key")),
  };
  if (!navigator.onLine) {
    keep(form, entry, false);
    return;
  }
  const button = event.submitter;
  if (button) button.disabled = true;
  let response;
  try {
    response = await post(entry.action, entry.body);
  } catch {
    if (button) button.disabled = false;
    keep(form, entry, true);
    return;
  }
  if (saved(response)) {
    window.location.assign(`${response.url}#saved`);
  } else {
    form.submit(); // errors to show, or a sign-in to go through: the page answers as it would without script
  }
}

const form = document.getElementById("conversation-form");
if (form) {
  form.addEventListener("submit", (event) => submit(form, event));
}
window.addEventListener("online", send);
send();
setInterval(() => {
  if (waiting().length) send();
}, RETRY_MS);
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch(() => {});
}
