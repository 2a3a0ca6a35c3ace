// Contacts and companies pages: comboboxes (top search, company pickers), column chooser, filter builder,
// selection with the bulk bar, timeline with notes, and the undo toast. No inline scripts (CSP): all behaviour
// hangs off data attributes.
(() => {
  const csrf = () => {
    const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  };

  /** JSON API call with the CSRF header; resolves to {ok, status, body}. */
  async function api(method, url, body) {
    const response = await fetch(url, {
      method,
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-XSRF-TOKEN": csrf() },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
    const text = await response.text();
    let parsed = null;
    try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
    return { ok: response.ok, status: response.status, body: parsed };
  }
  window.crmApi = api;

  const problemText = (r) => (r.body && (r.body.errors
    ? r.body.errors.map((e) => `${e.field} ${e.message}`).join("; ")
    : r.body.detail)) || `Request failed (${r.status})`;

  // ---- toast with an optional Undo ---------------------------------------------------------------------------
  function toast(text, undo) {
    const box = document.getElementById("toast");
    if (!box) { return; }
    box.querySelector("[data-toast-text]").textContent = text;
    const button = box.querySelector("[data-toast-undo]");
    button.hidden = !undo;
    button.disabled = false;
    button.onclick = undo ? async () => {
      button.disabled = true;
      await undo();
      button.hidden = true;
    } : null;
    box.hidden = false;
  }
  window.crmToast = toast;

  // ---- comboboxes: htmx fills the listbox; keys and clicks choose ---------------------------------------------
  const options = (list) => Array.from(list.querySelectorAll('[role="option"]'));
  function openList(box, open) {
    const list = box.querySelector('[role="listbox"]');
    const input = box.querySelector('[role="combobox"]');
    list.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    if (!open) { input.removeAttribute("aria-activedescendant"); }
  }
  function choose(box, option) {
    const input = box.querySelector('[role="combobox"]');
    if (box.hasAttribute("data-pick")) {
      const hidden = box.querySelector("[data-pick-value]");
      hidden.value = option.dataset.id;
      input.value = option.querySelector("span").textContent;
      openList(box, false);
      hidden.dispatchEvent(new Event("change", { bubbles: true }));
    } else {
      window.location.href = option.dataset.href;
    }
  }
  document.addEventListener("htmx:afterSwap", (event) => {
    const list = event.detail.target;
    if (list && list.getAttribute && list.getAttribute("role") === "listbox") {
      const box = list.closest("[data-combobox]");
      openList(box, list.children.length > 0);
    }
  });
  document.addEventListener("keydown", (event) => {
    const input = event.target;
    if (!input.matches || !input.matches('[data-combobox] [role="combobox"]')) { return; }
    const box = input.closest("[data-combobox]");
    const list = box.querySelector('[role="listbox"]');
    const all = options(list);
    let index = all.findIndex((o) => o.getAttribute("aria-selected") === "true");
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!all.length) { return; }
      event.preventDefault();
      openList(box, true);
      index = event.key === "ArrowDown" ? (index + 1) % all.length : (index <= 0 ? all.length - 1 : index - 1);
      all.forEach((o, i) => o.setAttribute("aria-selected", String(i === index)));
      input.setAttribute("aria-activedescendant", all[index].id);
      all[index].scrollIntoView({ block: "nearest" });
    } else if (event.key === "Enter" && !list.hidden && index >= 0) {
      event.preventDefault();
      choose(box, all[index]);
    } else if (event.key === "Enter" && !box.hasAttribute("data-pick") && input.value.trim()) {
      // no suggestion chosen: the full contacts list for the words typed
      event.preventDefault();
      window.location.href = `/contacts?q=${encodeURIComponent(input.value.trim())}`;
    } else if (event.key === "Escape") {
      openList(box, false);
    }
  });
  document.addEventListener("input", (event) => {
    const input = event.target;
    if (input.matches && input.matches('[data-combobox][data-pick] [role="combobox"]') && input.value.trim() === "") {
      const hidden = input.closest("[data-combobox]").querySelector("[data-pick-value]");
      if (hidden.value) {
        hidden.value = "";
        hidden.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }
  });
  document.addEventListener("click", (event) => {
    const option = event.target.closest && event.target.closest('[data-combobox] [role="option"]');
    if (option) {
      event.preventDefault();
      choose(option.closest("[data-combobox]"), option);
      return;
    }
    document.querySelectorAll("[data-combobox]").forEach((box) => {
      if (!box.contains(event.target)) { openList(box, false); }
    });
  });

  // ---- column chooser (remembered per list in localStorage) ---------------------------------------------------
  function applyColumns() {
    document.querySelectorAll("[data-list]").forEach((page) => {
      const key = `crmflow.columns.${page.dataset.list}`;
      let hidden = [];
      try { hidden = JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { hidden = []; }
      page.querySelectorAll("[data-col-toggle]").forEach((box) => {
        box.checked = !hidden.includes(box.dataset.colToggle);
      });
      page.querySelectorAll("[data-col]").forEach((cell) => {
        cell.classList.toggle("col-hidden", hidden.includes(cell.dataset.col));
      });
    });
  }
  document.addEventListener("change", (event) => {
    const box = event.target;
    if (box.matches && box.matches("[data-col-toggle]")) {
      const page = box.closest("[data-list]");
      const hidden = Array.from(page.querySelectorAll("[data-col-toggle]"))
        .filter((b) => !b.checked).map((b) => b.dataset.colToggle);
      localStorage.setItem(`crmflow.columns.${page.dataset.list}`, JSON.stringify(hidden));
      applyColumns();
    }
  });

  // ---- filter builder: conditions with AND/OR, kept as JSON in the form's hidden "filter" ----------------------
  const OPS = [["eq", "is"], ["neq", "is not"], ["contains", "contains"], ["gt", ">"], ["lt", "<"],
    ["has", "has"], ["empty", "is empty"], ["not_empty", "is not empty"]];
  function conditionRow(condition) {
    const fields = document.getElementById("filter-fields");
    const row = document.createElement("div");
    row.className = "filter-row";
    row.dataset.testid = "filter-condition";
    row.setAttribute("data-testid", "filter-condition");
    const field = document.createElement("select");
    field.setAttribute("aria-label", "Field");
    field.setAttribute("data-testid", "filter-field");
    field.append(fields.content.cloneNode(true));
    const op = document.createElement("select");
    op.setAttribute("aria-label", "Condition");
    op.setAttribute("data-testid", "filter-op");
    OPS.forEach(([value, label]) => op.append(new Option(label, value)));
    const value = document.createElement("input");
    value.setAttribute("aria-label", "Value");
    value.setAttribute("data-testid", "filter-value");
    const remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = "✕";
    remove.setAttribute("aria-label", "Remove condition");
    remove.addEventListener("click", () => { row.remove(); syncFilter(); });
    if (condition) {
      field.value = condition.field;
      op.value = condition.op;
      value.value = condition.value == null ? "" : condition.value;
    }
    const choices = () => {
      const chosen = field.selectedOptions[0];
      const list = chosen && chosen.dataset.choices ? chosen.dataset.choices.split("|") : [];
      const listId = `choices-${Math.random().toString(36).slice(2)}`;
      row.querySelectorAll("datalist").forEach((d) => d.remove());
      value.removeAttribute("list");
      if (list.length) {
        const datalist = document.createElement("datalist");
        datalist.id = listId;
        list.forEach((c) => datalist.append(new Option(c, c)));
        row.append(datalist);
        value.setAttribute("list", listId);
      }
    };
    field.addEventListener("change", choices);
    choices();
    row.append(field, op, value, remove);
    return row;
  }
  function syncFilter() {
    const rows = document.getElementById("filter-rows");
    const target = document.getElementById("filter-json");
    if (!rows || !target) { return; }
    const join = document.getElementById("filter-join").value;
    const conditions = Array.from(rows.querySelectorAll(".filter-row")).map((row) => {
      const [field, op] = row.querySelectorAll("select");
      const value = row.querySelector("input").value;
      return ["empty", "not_empty"].includes(op.value)
        ? { field: field.value, op: op.value }
        : { field: field.value, op: op.value, value };
    }).filter((c) => c.value === undefined || c.value !== "");
    target.value = conditions.length ? JSON.stringify({ [join]: conditions }) : "";
  }
  function initFilter() {
    const rows = document.getElementById("filter-rows");
    const target = document.getElementById("filter-json");
    if (!rows || !target || rows.dataset.ready) { return; }
    rows.dataset.ready = "1";
    let parsed = null;
    try { parsed = target.value ? JSON.parse(target.value) : null; } catch (e) { parsed = null; }
    if (parsed && (parsed.and || parsed.or)) {
      document.getElementById("filter-join").value = parsed.and ? "and" : "or";
      (parsed.and || parsed.or).filter((c) => c.field).forEach((c) => rows.append(conditionRow(c)));
    }
    document.getElementById("filter-add").addEventListener("click", () => {
      rows.append(conditionRow(null));
      rows.lastChild.querySelector("select").focus();
    });
    const builder = rows.closest(".filter-builder");
    builder.addEventListener("input", syncFilter);
    builder.addEventListener("change", syncFilter);
  }

  // ---- selection and the bulk bar -----------------------------------------------------------------------------
  const selection = { all: false };
  function selectedIds() {
    return Array.from(document.querySelectorAll('input[name="ids"]:checked')).map((b) => b.value);
  }
  function updateBulkBar() {
    const bar = document.getElementById("bulk-bar");
    if (!bar) { return; }
    const ids = selectedIds();
    bar.hidden = ids.length === 0 && !selection.all;
    bar.querySelector("[data-bulk-count]").textContent = selection.all ? "All matching" : String(ids.length);
    const action = bar.querySelector("[data-bulk-action]").value;
    bar.querySelectorAll("[data-bulk-for]").forEach((label) => {
      label.hidden = !label.dataset.bulkFor.split(" ").includes(action);
    });
  }
  function listParams() {
    const form = document.getElementById("list-form");
    const params = {};
    new FormData(form).forEach((value, name) => {
      if (value !== "" && !["sort", "cursor"].includes(name)) { params[name] = String(value); }
    });
    return params;
  }
  function bulkBody(bar) {
    const action = bar.querySelector("[data-bulk-action]").value;
    const body = selection.all ? { all: true, query: listParams() } : { ids: selectedIds() };
    body.action = action;
    if (action === "addTag" || action === "removeTag") { body.tag = bar.querySelector("[data-bulk-tag]").value; }
    if (action === "changeOwner") { body.ownerId = bar.querySelector("[data-bulk-owner]").value; }
    if (action === "update") {
      body.field = bar.querySelector("[data-bulk-field]").value;
      const value = bar.querySelector("[data-bulk-value]").value;
      body.value = value === "" ? null : value;
    }
    return body;
  }
  function refreshList() {
    const form = document.getElementById("list-form");
    if (form && window.htmx) { window.htmx.trigger(form, "submit"); }
  }
  document.addEventListener("change", (event) => {
    const box = event.target;
    if (!box.matches) { return; }
    if (box.matches("[data-select-page]")) {
      document.querySelectorAll('input[name="ids"]').forEach((b) => { b.checked = box.checked; });
      selection.all = false;
    } else if (box.matches('input[name="ids"]')) {
      selection.all = false;
    } else if (!box.matches("[data-bulk-action]")) {
      return;
    }
    updateBulkBar();
  });
  document.addEventListener("click", async (event) => {
    const target = event.target;
    if (!target.closest) { return; }
    if (target.closest("[data-bulk-all]")) {
      selection.all = true;
      document.querySelectorAll('input[name="ids"], [data-select-page]').forEach((b) => { b.checked = true; });
      updateBulkBar();
    } else if (target.closest("[data-bulk-clear]")) {
      selection.all = false;
      document.querySelectorAll('input[name="ids"], [data-select-page]').forEach((b) => { b.checked = false; });
      updateBulkBar();
    } else if (target.closest("[data-bulk-run]")) {
      const bar = document.getElementById("bulk-bar");
      const body = bulkBody(bar);
      if (body.action === "delete" && !window.confirm("Move the selected records to the trash?")) { return; }
      const r = await api("POST", bar.dataset.bulkUrl || "/api/v1/contacts/bulk", body);
      if (!r.ok) { toast(problemText(r)); return; }
      selection.all = false;
      const undoId = r.body && r.body.undoId;
      const verb = body.action === "delete" ? "moved to the trash" : "updated";
      toast(`${r.body && r.body.affected != null ? r.body.affected : "The"} record(s) ${verb}.`, undoId ? async () => {
        const u = await api("POST", `/api/v1/undo/${undoId}`);
        toast(u.ok ? "Undone." : problemText(u));
        refreshList();
      } : null);
      refreshList();
    }
  });

  // ---- timeline with notes ------------------------------------------------------------------------------------
  function describeChange(item) {
    const action = (item.action || "").replace(/^[a-z_]+\./, "").replace(/_/g, " ");
    const fields = item.changes && typeof item.changes === "object" ? Object.keys(item.changes) : [];
    return fields.length ? `${action}: ${fields.join(", ")}` : action;
  }
  function timelineItem(item) {
    const li = document.createElement("li");
    li.className = `timeline-item ${item.type}`;
    li.setAttribute("data-testid", "timeline-item");
    const head = document.createElement("div");
    head.className = "timeline-head";
    const who = document.createElement("strong");
    who.textContent = item.actorName || "System";
    const when = document.createElement("time");
    when.dateTime = item.at;
    when.textContent = ` · ${String(item.at).replace("T", " ").slice(0, 16)}`;
    head.append(who, when);
    const body = document.createElement("div");
    body.className = "timeline-body";
    if (item.type === "note") {
      body.innerHTML = item.html || ""; // sanitised by the server
      body.setAttribute("data-testid", "timeline-note");
    } else {
      body.textContent = describeChange(item);
    }
    li.append(head, body);
    return li;
  }
  async function loadTimeline(list, cursor) {
    const url = new URL(list.dataset.timelineUrl, window.location.origin);
    if (cursor) { url.searchParams.set("cursor", cursor); }
    const r = await api("GET", url.pathname + url.search);
    const more = list.parentElement.querySelector("[data-timeline-more]");
    if (!r.ok) {
      list.dataset.state = "unavailable";
      if (!cursor) { list.innerHTML = '<li class="muted">The timeline is not available yet.</li>'; }
      return;
    }
    if (!cursor) { list.replaceChildren(); }
    (r.body.data || []).forEach((item) => list.append(timelineItem(item)));
    if (!list.children.length) { list.innerHTML = '<li class="muted">Nothing yet.</li>'; }
    list.dataset.state = "loaded";
    if (more) {
      more.hidden = !r.body.nextCursor;
      more.onclick = () => loadTimeline(list, r.body.nextCursor);
    }
  }
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!form.matches("[data-note-form]")) { return; }
    event.preventDefault();
    const textarea = form.querySelector("textarea");
    if (!textarea.value.trim()) { return; }
    const button = form.querySelector("button");
    button.disabled = true;
    const r = await api("POST", form.dataset.notesUrl, { body: textarea.value });
    button.disabled = false;
    if (!r.ok) { window.alert(problemText(r)); return; }
    textarea.value = "";
    const list = form.parentElement.querySelector("[data-timeline-url]");
    if (list) { loadTimeline(list, null); }
  });

  function init() {
    applyColumns();
    initFilter();
    updateBulkBar();
    document.querySelectorAll("[data-timeline-url]").forEach((list) => {
      if (!list.dataset.state) { loadTimeline(list, null); }
    });
  }
  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:afterSettle", () => { applyColumns(); updateBulkBar(); });
})();
