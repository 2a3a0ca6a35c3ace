// Desktop side of QR sign-in: shows a fresh code, listens for the phone over SSE, completes the sign-in.
(() => {
  const panel = document.getElementById("qr-panel");
  if (!panel || !window.EventSource || !window.matchMedia("(min-width: 761px)").matches) {
    if (panel) panel.hidden = true; // phones sign in with the password form (or are the scanner themselves)
    return;
  }
  const box = document.getElementById("qr-code");
  const check = document.getElementById("qr-check");
  const number = document.getElementById("qr-match-number");
  const error = document.getElementById("qr-error");
  const help = document.getElementById("qr-help");
  let events = null;
  let timer = null;

  const csrf = () => {
    const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  };
  const post = (url) => fetch(url, { method: "POST", credentials: "same-origin", headers: { "X-XSRF-TOKEN": csrf() } });
  const say = (text) => { error.textContent = text; error.hidden = !text; };

  async function start() {
    if (events) events.close();
    clearTimeout(timer);
    check.hidden = true;
    help.hidden = false;
    const response = await post("/api/v1/auth/qr-sessions");
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      say(problem.detail || "QR sign-in is unavailable right now.");
      const wait = Number(response.headers.get("Retry-After") || 30);
      timer = setTimeout(start, wait * 1000);
      return;
    }
    say("");
    const session = await response.json();
    box.innerHTML = session.qrSvg;
    box.dataset.qrUrl = session.qrUrl;
    // replace the code before it expires, whatever happens on the stream
    timer = setTimeout(start, Math.max(5000, new Date(session.expiresAt) - Date.now() - 2000));
    events = new EventSource(`/api/v1/auth/qr-sessions/${session.id}/events`);
    events.addEventListener("scanned", (e) => {
      const data = JSON.parse(e.data);
      help.hidden = true;
      box.innerHTML = "";
      number.textContent = data.matchNumber;
      check.hidden = false;
    });
    events.addEventListener("approved", async () => {
      events.close();
      clearTimeout(timer);
      const done = await post(`/api/v1/auth/qr-sessions/${session.id}/complete`);
      if (done.ok) {
        window.location.assign("/");
      } else {
        const problem = await done.json().catch(() => ({}));
        say(problem.detail || "Could not finish signing in.");
        timer = setTimeout(start, 3000);
      }
    });
    events.addEventListener("denied", () => { say("The request was denied on the phone."); timer = setTimeout(start, 3000); });
    events.addEventListener("expired", () => start());
    events.addEventListener("consumed", () => events.close());
    events.onerror = () => { if (events.readyState === EventSource.CLOSED) { timer = setTimeout(start, 3000); } };
  }
  start();
})();
