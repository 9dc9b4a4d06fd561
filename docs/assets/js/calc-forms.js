// Everything a live calculator form needs once it is mounted (loaded by mount.js, the small
// stub every page carries, when the first form on a page comes near the viewport; issue 17).
// Mounts a <form data-calculator>: reads its inputs, runs the formula module named in its spec
// (imported only now, so a page loads only the twins of the forms a reader reaches),
// writes <output> elements, shows validation messages (marking every field an error names),
// redraws charts fed by the form (charts-live.js), and mirrors the inputs in the URL query
// string so a state can be linked. `mountForm` is idempotent; `unmountGone` drops the forms of
// a page that instant navigation replaced.
//
// State in the URL (issues 8.3 and 9.4): a form writes only its own page's URL and only its
// own keys; it is unmounted (every listener removed) when its page goes. With one form on a
// page its keys are the field keys (?rtt=120); with several, each form's keys carry its own
// prefix (?latency_budget.rtt=120), so two forms with an `rtt` field stay apart.
import { cleanText, run } from "./calc-core.js";
import { formatValue } from "./format.js";
import { redrawCharts } from "./charts-live.js";
import { applyPreset, presetBaseline, restorePresets } from "./presets.js";

const modules = new Map();
const mounted = new Set(); // {form, spec, path, prefix, controller}

function loadModule(name) {
  if (!modules.has(name)) modules.set(name, import(new URL(`./calculators/${name}.js`, import.meta.url)));
  return modules.get(name);
}

// --- URL state ----------------------------------------------------------------------------

function prefixFor(form) {
  const forms = [...document.querySelectorAll("form[data-calculator]")];
  if (forms.length < 2) return "";
  const name = form.dataset.calculator;
  const same = forms.filter((f) => f.dataset.calculator === name);
  return same.length < 2 ? `${name}.` : `${name}-${same.indexOf(form) + 1}.`;
}

const isCurrent = (state) => state.form.isConnected && window.location.pathname === state.path;

function writeUrl(state, raw) {
  if (!isCurrent(state)) return;
  const params = new URLSearchParams(window.location.search);
  const baseline = presetBaseline(state.spec, raw); // defaults, or the chosen preset's values
  for (const field of state.spec.fields) {
    const key = state.prefix + field.key;
    const value = raw[field.key];
    if (value === undefined || cleanText(value) === baseline[field.key]) params.delete(key);
    else params.set(key, cleanText(value));
  }
  const query = params.toString();
  const url = window.location.pathname + (query ? `?${query}` : "") + window.location.hash;
  // Unchanged address, no history call (Chromium re-requests the favicon on each one).
  if (url === window.location.pathname + window.location.search + window.location.hash) return;
  window.history.replaceState(window.history.state, "", url);
}

// This form's own keys from the URL, without its prefix (plain field keys).
function ownParams(state) {
  const params = new URLSearchParams(window.location.search);
  const own = new URLSearchParams();
  for (const field of state.spec.fields) {
    const key = state.prefix + field.key;
    if (params.has(key)) own.set(field.key, params.get(key));
  }
  return own;
}

function restoreFromUrl(state) {
  const params = ownParams(state);
  for (const field of state.spec.fields) {
    const control = state.form.elements.namedItem(field.key);
    if (!control || !params.has(field.key)) continue;
    const value = params.get(field.key);
    if (control.tagName === "SELECT") {
      const text = cleanText(value);
      if (![...control.options].some((o) => o.value === text)) {
        // Keep what the link said so the message quotes it (never a silent "nothing").
        control.add(new Option(`${text} (not a choice)`, value));
      }
      control.value = [...control.options].some((o) => o.value === text) ? text : value;
    } else {
      control.value = value;
    }
  }
  restorePresets(state.form, state.spec, params); // fields the link leaves out: the preset's
}

// The URL of the form's current state (the page address, which the form keeps in step).
function stateUrl() {
  return window.location.href;
}

// --- inputs, outputs, messages -------------------------------------------------------------

function readInputs(form, spec) {
  const raw = {};
  for (const field of spec.fields) {
    const control = form.elements.namedItem(field.key);
    if (control) raw[field.key] = control.value;
  }
  return raw;
}

function markInvalid(form, keys) {
  for (const control of form.querySelectorAll("input, select")) {
    if (keys.includes(control.name)) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
  }
}

function showError(form, message, keys = []) {
  const box = form.querySelector(".calc-error");
  box.textContent = message;
  box.hidden = false;
  markInvalid(form, keys);
  for (const output of form.querySelectorAll("output")) {
    output.textContent = "—";
    output.dataset.value = "";
  }
}

function update(state, formula) {
  const { form, spec } = state;
  if (!isCurrent(state)) return; // a late event from a page that has gone
  const raw = readInputs(form, spec);
  writeUrl(state, raw);
  let result;
  try {
    result = run(spec, formula, raw);
  } catch (error) {
    showError(form, error.message, error.fields || []);
    return;
  }
  for (const out of spec.outputs) {
    const value = result[out.name];
    if (typeof value !== "number" || !Number.isFinite(value)) {
      showError(form, "These inputs give no finite result; check the values above.");
      return;
    }
  }
  form.querySelector(".calc-error").hidden = true;
  markInvalid(form, []);
  for (const out of spec.outputs) {
    const element = form.querySelector(`output[name="${out.name}"]`);
    if (!element) continue;
    element.textContent = formatValue(out.format, result[out.name]);
    element.dataset.value = String(result[out.name]);
  }
  redrawCharts(document, spec.name, result);
}

// --- copy link / copy as Markdown ----------------------------------------------------------

const cell = (text) => String(text).replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();

export function markdownTable(form, spec, url) {
  const lines = [`**${cell(spec.title)}** ([link](${url}))`, "", "| Input | Value |", "| --- | --- |"];
  for (const field of spec.fields) {
    const control = form.elements.namedItem(field.key);
    if (!control) continue;
    const value = control.tagName === "SELECT"
      ? control.selectedOptions[0]?.textContent ?? control.value
      : `${cleanText(control.value)} ${field.unit}`;
    lines.push(`| ${cell(field.label)} | ${cell(value)} |`);
  }
  lines.push("", "| Result | Value |", "| --- | --- |");
  for (const out of spec.outputs) {
    const element = form.querySelector(`output[name="${out.name}"]`);
    if (element) lines.push(`| ${cell(out.label)} | ${cell(element.textContent)} |`);
  }
  return lines.join("\n") + "\n";
}

async function copy(state, text, done) {
  const status = state.form.querySelector(".calc-status");
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = done;
  } catch (error) {
    status.textContent = `Could not copy (${error.message}); copy the page address instead.`;
  }
}

function wireActions(state, formula, signal) {
  const { form, spec } = state;
  const on = (selector, handler) => {
    const button = form.querySelector(selector);
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", (event) => { event.preventDefault(); handler(); }, { signal });
  };
  on(".calc-reset", () => {
    for (const field of spec.fields) {
      const control = form.elements.namedItem(field.key);
      if (control) control.value = String(field.default);
    }
    update(state, formula);
  });
  on(".calc-copy-link", () => copy(state, stateUrl(state), "Link to these inputs copied."));
  on(".calc-copy-markdown", () =>
    copy(state, markdownTable(form, spec, stateUrl(state)), "Inputs and results copied as a Markdown table."));
}

// --- mount / unmount -----------------------------------------------------------------------

export function unmountGone() {
  for (const state of mounted) {
    if (!isCurrent(state)) {
      state.controller.abort();
      state.form.dataset.mounted = "unmounted";
      mounted.delete(state);
    }
  }
}

async function mount(form) {
  if (form.dataset.mounted) return;
  form.dataset.mounted = "pending";
  const spec = JSON.parse(form.dataset.spec);
  const controller = new AbortController();
  const state = { form, spec, path: window.location.pathname, prefix: prefixFor(form), controller };
  const module = await loadModule(spec.module);
  const formula = module[spec.function];
  if (!isCurrent(state)) return; // the page went while the module loaded
  mounted.add(state);
  restoreFromUrl(state);
  const { signal } = controller;
  const onChange = (event) => {
    if (event) applyPreset(form, spec, event.target); // a preset <select> fills its fields
    update(state, formula);
  };
  form.addEventListener("input", onChange, { signal });
  form.addEventListener("change", onChange, { signal });
  form.addEventListener("submit", (event) => event.preventDefault(), { signal });
  wireActions(state, formula, signal);
  update(state, formula);
  form.dataset.mounted = "ready";
}

export function mountForm(form) {
  unmountGone();
  return mount(form).catch((error) => {
    form.dataset.mounted = "failed";
    showError(form, `This calculator could not start: ${error.message}`);
  });
}

if (window.location$ && typeof window.location$.subscribe === "function") {
  window.location$.subscribe(unmountGone);
}
