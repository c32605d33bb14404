// The query page: pick a shipped query or write one, run it against ./sparql, show the
// SPARQL JSON results as a table. Everything comes from this server; no libraries.
"use strict";

const $ = (id) => document.getElementById(id);
const ACCEPT = "application/sparql-results+json, text/turtle;q=0.9";
let prefixes = {};

function el(tag, text, attrs) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;  // never innerHTML: the data is untrusted
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
  return node;
}

function shorten(iri) {
  let best = null;
  for (const [prefix, namespace] of Object.entries(prefixes)) {
    if (iri.startsWith(namespace) && (!best || namespace.length > best[1].length)) best = [prefix, namespace];
  }
  return best ? `${best[0]}:${iri.slice(best[1].length)}` : `<${iri}>`;
}

function post(query, accept) {
  return fetch("sparql", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": accept },
    body: new URLSearchParams({ query }),
  });
}

function cell(term) {
  const td = el("td", null, { dir: "auto" });  // Arabic text runs right to left in its own cell
  if (!term) return td;
  if (term.type === "uri") {
    const link = el("a", shorten(term.value), { href: "#", title: `${term.value}\n(click: everything about it)`, dir: "ltr" });
    link.addEventListener("click", (event) => {
      event.preventDefault();
      setQuery(`SELECT ?property ?value WHERE {\n  <${term.value}> ?property ?value .\n}\nORDER BY ?property`);
      run();
    });
    td.append(link);
  } else if (term.type === "triple") {
    const v = term.value;
    td.textContent = `<< ${[v.subject, v.predicate, v.object].map((t) => t.value).join(" ")} >>`;
  } else {
    td.append(document.createTextNode(term.type === "bnode" ? `_:${term.value}` : term.value));
    const tag = term["xml:lang"] ? `@${term["xml:lang"]}` : term.datatype ? shorten(term.datatype) : null;
    if (tag) td.append(el("span", tag, { class: "tag", dir: "ltr" }));
  }
  return td;
}

function table(data) {
  const vars = data.head.vars;
  const tableNode = el("table");
  const head = el("tr");
  for (const v of vars) head.append(el("th", `?${v}`));
  const thead = el("thead");
  thead.append(head);
  tableNode.append(thead);
  const body = el("tbody");
  for (const row of data.results.bindings) {
    const tr = el("tr");
    for (const v of vars) tr.append(cell(row[v]));
    body.append(tr);
  }
  tableNode.append(body);
  return tableNode;
}

async function run() {
  const results = $("results");
  const started = performance.now();
  $("run").disabled = true;
  $("status").textContent = "running…";
  try {
    localStorage.setItem("kg-query", getQuery());
  } catch (e) { /* private mode: not remembered */ }
  try {
    const response = await post(getQuery(), ACCEPT);
    const type = response.headers.get("Content-Type") || "";
    const ms = Math.round(performance.now() - started);
    results.replaceChildren();
    if (!response.ok) {
      $("status").textContent = `${response.status} ${response.statusText} (${ms} ms)`;
      results.append(el("pre", await response.text(), { class: "error", dir: "auto" }));
    } else if (type.includes("json")) {
      const data = await response.json();
      if ("boolean" in data) {
        $("status").textContent = `ASK (${ms} ms)`;
        results.append(el("pre", String(data.boolean)));
      } else {
        const n = data.results.bindings.length;
        $("status").textContent = `${n} row${n === 1 ? "" : "s"} (${ms} ms)`;
        results.append(table(data));
      }
    } else {
      $("status").textContent = `${type.split(";")[0]} (${ms} ms)`;
      results.append(el("pre", await response.text(), { dir: "auto" }));
    }
  } catch (error) {
    $("status").textContent = "";
    results.replaceChildren(el("pre", `The endpoint did not answer: ${error}`, { class: "error" }));
  } finally {
    $("run").disabled = false;
  }
}

async function save() {
  const [accept, extension] = $("download").value.split("|");
  const response = await post(getQuery(), accept);
  if (!response.ok) {
    $("status").textContent = `${response.status} ${response.statusText}`;
    $("results").replaceChildren(el("pre", await response.text(), { class: "error", dir: "auto" }));
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  const link = el("a", null, { href: url, download: `results.${extension}` });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

let editor = null;

function getQuery() {
  return editor ? editor.getValue() : $("query").value;
}

function setQuery(text) {
  if (editor) editor.setValue(text);
  else $("query").value = text;
}

async function load() {
  $("endpoint").textContent = new URL("sparql", location.href).href;
  try {
    const remembered = localStorage.getItem("kg-query");
    if (remembered) setQuery(remembered);
  } catch (e) { /* no storage */ }
  $("run").addEventListener("click", run);
  $("save").addEventListener("click", save);
  $("query").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  if (window.CodeMirror) {
    // SPARQL highlighting (CodeMirror 5, bundled in static/vendor); the textarea stays the
    // fallback where the script cannot load.
    editor = window.CodeMirror.fromTextArea($("query"), {
      mode: "sparql", lineNumbers: true, direction: "ltr", viewportMargin: Infinity,
      extraKeys: { "Ctrl-Enter": () => run(), "Cmd-Enter": () => run() },
    });
  }
  prefixes = await (await fetch("prefixes")).json();
  const queries = await (await fetch("queries")).json();
  const select = $("examples");
  for (const q of queries) select.append(el("option", q.name, { value: q.name, title: q.description }));
  select.addEventListener("change", () => {
    const chosen = queries.find((q) => q.name === select.value);
    $("description").textContent = chosen ? chosen.description : "";
    if (chosen) setQuery(chosen.query);
  });
}

document.addEventListener("DOMContentLoaded", load);
