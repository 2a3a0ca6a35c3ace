// The import page: preview an upload with its column mapping, start the import, follow its progress.
(() => {
  const root = document.querySelector("[data-import]");
  if (!root) {
    return;
  }
  const api = root.dataset.api;
  const targets = JSON.parse(root.dataset.targets);
  const $ = (selector) => root.querySelector(selector);
  const fileInput = $("[data-testid=import-file]");
  const error = $("[data-import-error]");
  let headers = [];

  const csrf = () => {
    const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    if (match) {
      return decodeURIComponent(match[1]);
    }
    const field = document.querySelector("input[name=_csrf]");
    return field ? field.value : "";
  };

  const showError = (problem) => {
    const details = (problem.errors || []).map((e) => e.field + " " + e.message).join("; ");
    error.textContent = (problem.detail || "The request failed") + (details ? ": " + details : "");
    error.hidden = false;
  };

  const post = async (url, form) => {
    const response = await fetch(url, {
      method: "POST",
      body: form,
      credentials: "same-origin",
      headers: { "X-XSRF-TOKEN": csrf(), Accept: "application/json" },
    });
    const body = await response.json();
    if (!response.ok) {
      throw body;
    }
    return body;
  };

  const form = (withMapping) => {
    const data = new FormData();
    data.append("file", fileInput.files[0]);
    data.append("mode", $("[data-testid=import-mode]").value);
    data.append("matchBy", $("[data-testid=import-match-by]").value);
    if (withMapping) {
      const mapping = {};
      headers.forEach((header, i) => {
        mapping[header] = $("[data-testid=import-mapping-" + i + "]").value;
      });
      data.append("mapping", JSON.stringify(mapping));
    }
    return data;
  };

  const cell = (text) => {
    const td = document.createElement("td");
    td.textContent = text;
    return td;
  };

  const render = (preview) => {
    headers = preview.headers;
    $("[data-import-detected]").textContent = preview.format === "xlsx"
      ? "XLSX file"
      : "CSV, " + preview.encoding + ", " + preview.delimiter + "-separated"
        + (preview.savedMapping ? "; saved mapping \u201c" + preview.savedMapping + "\u201d applied" : "");
    const columns = $("[data-import-columns]");
    columns.replaceChildren();
    headers.forEach((header, i) => {
      const select = document.createElement("select");
      select.dataset.testid = "import-mapping-" + i;
      select.setAttribute("aria-label", "Field for column " + header);
      targets.forEach((t) => select.add(new Option(t.label, t.value, false, t.value === preview.mapping[header])));
      select.addEventListener("change", () => refresh(true));
      const tr = document.createElement("tr");
      tr.append(cell(header));
      const td = document.createElement("td");
      td.append(select);
      tr.append(td);
      columns.append(tr);
    });
    const rows = $("[data-import-preview]");
    rows.replaceChildren();
    preview.rows.forEach((row) => {
      const tr = document.createElement("tr");
      tr.dataset.testid = "import-preview-row";
      tr.append(cell(row.row));
      tr.append(cell(row.action || "skipped"));
      tr.append(cell(Object.entries(row.values).map(([k, v]) => k + ": " + v).join(", ")));
      tr.append(cell(row.errors.map((e) => (e.column ? e.column + ": " : "") + e.message).join("; ")));
      rows.append(tr);
    });
    if (preview.warnings.length > 0) {
      error.textContent = "Mapping: " + preview.warnings.join("; ");
      error.hidden = false;
    }
    $("[data-import-mapping]").hidden = false;
  };

  const refresh = async (withMapping) => {
    error.hidden = true;
    try {
      render(await post(api + "/preview", form(withMapping)));
    } catch (problem) {
      showError(problem);
    }
  };

  const follow = async (id) => {
    const response = await fetch(api + "/" + id, { credentials: "same-origin", headers: { Accept: "application/json" } });
    const status = await response.json();
    const progress = $("[data-testid=import-progress]");
    progress.max = Math.max(1, status.totalRows || 1);
    progress.value = status.processedRows;
    $("[data-testid=import-status]").textContent = status.status;
    $("[data-import-counts]").textContent = "(" + status.processedRows + " of " + (status.totalRows ?? "?")
      + " rows: " + status.createdCount + " created, " + status.updatedCount + " updated, "
      + status.errorCount + " with errors)";
    if (["completed", "failed", "cancelled"].includes(status.status)) {
      const link = $("[data-testid=import-errors-link]");
      link.href = api + "/" + id + "/errors";
      link.hidden = false;
      return;
    }
    setTimeout(() => follow(id), 700);
  };

  $("[data-testid=import-upload]").addEventListener("click", () => {
    if (fileInput.files.length > 0) {
      refresh(false);
    }
  });
  $("[data-testid=import-start]").addEventListener("click", async () => {
    error.hidden = true;
    try {
      const started = await post(api, form(true));
      $("[data-import-run]").hidden = false;
      $("[data-testid=import-start]").disabled = true;
      follow(started.id);
    } catch (problem) {
      showError(problem);
    }
  });
})();
