// The one mount script for every live calculator form on the site.
// Finds <form data-calculator>, reads its inputs, runs the formula module named in its spec,
// writes <output> elements, shows validation messages, and mirrors the inputs in the URL
// query string so a state can be linked. Runs on each Material `document$` emission
// (instant navigation) and is idempotent.
import { run } from "./calc-core.js";
import { formatValue } from "./format.js";
import { applyPreset, presetBaseline, restorePresets } from "./presets.js";

const modules = new Map();

function loadModule(name) {
  if (!modules.has(name)) modules.set(name, import(new URL(`./calculators/${name}.js`, import.meta.url)));
  return modules.get(name);
}

function readInputs(form, spec) {
  const raw = {};
  for (const field of spec.fields) {
    const control = form.elements.namedItem(field.key);
    if (control) raw[field.key] = control.value;
  }
  return raw;
}

function writeUrl(form, spec, raw) {
  const params = new URLSearchParams(window.location.search);
  const baseline = presetBaseline(spec, raw); // defaults, or the chosen preset's values
  for (const field of spec.fields) {
    const value = raw[field.key];
    if (value === undefined || String(value).trim() === baseline[field.key]) params.delete(field.key);
    else params.set(field.key, String(value).trim());
  }
  const query = params.toString();
  const url = window.location.pathname + (query ? `?${query}` : "") + window.location.hash;
  window.history.replaceState(window.history.state, "", url);
}

function restoreFromUrl(form, spec) {
  const params = new URLSearchParams(window.location.search);
  for (const field of spec.fields) {
    const control = form.elements.namedItem(field.key);
    if (control && params.has(field.key)) control.value = params.get(field.key);
  }
  restorePresets(form, spec, params);
}

function showError(form, message, key) {
  const box = form.querySelector(".calc-error");
  box.textContent = message;
  box.hidden = false;
  for (const control of form.querySelectorAll("input, select")) {
    if (control.name === key) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
  }
  for (const output of form.querySelectorAll("output")) {
    output.textContent = "—";
    output.dataset.value = "";
  }
}

function update(form, spec, formula) {
  const raw = readInputs(form, spec);
  writeUrl(form, spec, raw);
  let result;
  try {
    result = run(spec, formula, raw);
  } catch (error) {
    showError(form, error.message, error.key);
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
  for (const control of form.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid");
  for (const out of spec.outputs) {
    const element = form.querySelector(`output[name="${out.name}"]`);
    if (!element) continue;
    element.textContent = formatValue(out.format, result[out.name]);
    element.dataset.value = String(result[out.name]);
  }
}

async function mount(form) {
  if (form.dataset.mounted) return;
  form.dataset.mounted = "pending";
  const spec = JSON.parse(form.dataset.spec);
  const module = await loadModule(spec.module);
  const formula = module[spec.function];
  restoreFromUrl(form, spec);
  const onChange = (event) => {
    if (event) applyPreset(form, spec, event.target); // a preset <select> fills its fields
    update(form, spec, formula);
  };
  form.addEventListener("input", onChange);
  form.addEventListener("change", onChange);
  form.addEventListener("submit", (event) => event.preventDefault());
  const reset = form.querySelector(".calc-reset");
  if (reset) {
    reset.addEventListener("click", (event) => {
      event.preventDefault();
      for (const field of spec.fields) {
        const control = form.elements.namedItem(field.key);
        if (control) control.value = String(field.default);
      }
      onChange();
    });
  }
  update(form, spec, formula);
  form.dataset.mounted = "ready";
}

function mountAll() {
  for (const form of document.querySelectorAll("form[data-calculator]")) {
    mount(form).catch((error) => {
      form.dataset.mounted = "failed";
      showError(form, `This calculator could not start: ${error.message}`);
    });
  }
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(mountAll);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountAll);
} else {
  mountAll();
}
