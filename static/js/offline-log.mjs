// Logging without signal (issue 18). With no network, the log form keeps the conversation on this phone, with its
// idempotency key, and says so; whenever a page of the service opens with the network back, or the phone comes
// back online, the waiting conversations are sent, each once (the server ignores a key it has already stored).
// Without JavaScript the form posts as usual. The service worker (/sw.js) only keeps the blank log form and the
// static files, so the form still opens with no signal; it never keeps a page with anyone's records on it.
const QUEUE = "mecc-offline-conversations";

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

function waitingText(count) {
  return count === 1
    ? "Saved on this phone; it will be sent when you are back online. 1 conversation waiting."
    : `Saved on this phone; they will be sent when you are back online. ${count} conversations waiting.`;
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
        response = await fetch(entry.action, {
          method: "POST",
          body: entry.body,
          credentials: "same-origin",
          redirect: "manual",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        });
      } catch {
        break; // still no network: try again later
      }
      // A redirect is the server saying "saved" (or "already saved": the key makes a resend harmless).
      if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) {
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

function keepOffline(form, event) {
  if (navigator.onLine) return; // with a network the form posts as usual, and the page confirms it
  event.preventDefault();
  const data = new FormData(form);
  const key = String(data.get("client_key"));
  const entries = waiting();
  entries.push({ action: form.action || window.location.pathname, body: new URLSearchParams(data).toString(), key });
  store(entries);
  // Ready for the next conversation: what was ticked is cleared, and it gets a key of its own.
  form.querySelectorAll('input[type="checkbox"]:checked').forEach((box) => {
    box.checked = false;
  });
  const note = form.querySelector("textarea[name='note']");
  if (note) note.value = "";
  form.querySelector("input[name='client_key']").value = crypto.randomUUID();
  say(waitingText(entries.length));
  document.getElementById("offline-status").focus();
}

const form = document.getElementById("conversation-form");
if (form) {
  form.addEventListener("submit", (event) => keepOffline(form, event));
}
window.addEventListener("online", send);
send();
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch(() => {});
}
