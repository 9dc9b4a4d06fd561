// Parsing, validation and running of a calculator spec, mirroring calculators/fields.py and
// calculators/registry.run. No DOM: the shared vectors run this file in Node and Chromium.
// Parsing rules (the same in Python): only WHITESPACE is stripped around a value (not trim()'s
// set); numbers are plain decimal ASCII digits, optionally with comma thousands separators in
// groups of three ("2,000"); messages name fields by label and escape control characters.

import { resolvePresets } from "./presets.js";

export const WHITESPACE = " \t\n\r\f\v";
const NUMBER = /^[+-]?([0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?|[0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u00a0\u200b-\u200f\u2028\u2029\ufeff]/g;
// Mirrors calculators.registry.MAX_MAGNITUDE / MIN_MAGNITUDE.
export const MAX_MAGNITUDE = 1e21;
export const MIN_MAGNITUDE = 1e-15;

export function cleanText(raw) {
  const text = String(raw ?? "");
  let start = 0;
  let end = text.length;
  while (start < end && WHITESPACE.includes(text[start])) start += 1;
  while (end > start && WHITESPACE.includes(text[end - 1])) end -= 1;
  return text.slice(start, end);
}

const escapeControls = (text) =>
  text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

export function plainNumber(value) {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) {
    return String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ",").replace(/^/, value < 0 ? "-" : "");
  }
  return String(value);
}

// Bad input, with the keys (or argument names) of every field it involves (Python InputError).
export class InputError extends Error {
  constructor(message, fields = []) {
    super(message);
    this.name = "InputError";
    this.fields = Array.isArray(fields) ? fields : [fields];
  }
}

// Guard for direct callers of a formula (base units); mirrors calculators.fields.require_range.
export function requireRange(name, value, low, high, unit) {
  if (typeof value !== "number") throw new Error(`${name} must be a number in ${unit}; got ${value}.`);
  if (!Number.isFinite(value) || value < low || value > high) {
    throw new Error(`${name} must be from ${plainNumber(low)} to ${plainNumber(high)} ${unit}; got ${plainNumber(value)}.`);
  }
}

function describe(raw) {
  if (typeof raw === "number") return Number.isFinite(raw) ? plainNumber(raw) : `"${raw}"`;
  const text = cleanText(raw);
  return text ? `"${escapeControls(text)}"` : "nothing";
}

function rangeError(field, got) {
  const kind = field.integer ? "a whole number" : "a number";
  return new InputError(`${field.label} must be ${kind} from ${plainNumber(field.minimum)} ` +
    `to ${plainNumber(field.maximum)} ${field.unit}; got ${got}.`, [field.key]);
}

// Parse one raw value (string or number, display units); return it in base units.
export function parseField(field, raw) {
  if (field.multiline) {
    const text = String(raw ?? "");
    const length = [...text].length;
    if (!text.trim() || length > field.maximum) {
      const got = text.trim() ? `${plainNumber(length)} characters` : "nothing";
      throw new InputError(`${field.label} must be text of 1 to ${plainNumber(field.maximum)} characters; got ${got}.`, [field.key]);
    }
    return text;
  }
  if (field.choices) {
    const allowed = field.choices.map((c) => c[0]);
    const text = cleanText(raw);
    if (!allowed.includes(text)) {
      throw new InputError(`${field.label} must be one of: ${allowed.join(", ")}; got ${describe(raw)}.`, [field.key]);
    }
    return text;
  }
  let value;
  if (typeof raw === "number") {
    value = raw;
  } else if (typeof raw === "boolean") {
    throw rangeError(field, `"${raw ? "True" : "False"}"`);
  } else {
    const text = cleanText(raw);
    if (!NUMBER.test(text)) throw rangeError(field, describe(raw));
    value = Number(text.replaceAll(",", ""));
  }
  if (!Number.isFinite(value) || value < field.minimum || value > field.maximum) {
    throw rangeError(field, describe(raw));
  }
  if (field.integer) {
    if (!Number.isInteger(value)) throw rangeError(field, describe(raw));
    return value;
  }
  return value / field.scale;
}

// Reject a result with a number that is not finite or not of a sane size (registry.check_sane).
export function checkSane(spec, result) {
  const labels = Object.fromEntries(spec.outputs.map((o) => [o.name, o.label]));
  for (const [name, value] of Object.entries(result)) {
    if (typeof value !== "number") continue;
    const finite = Number.isFinite(value);
    if (!finite || (value !== 0 && !(Math.abs(value) >= MIN_MAGNITUDE && Math.abs(value) < MAX_MAGNITUDE))) {
      throw new InputError(`These inputs give no usable result (${labels[name] ?? name} would be ` +
        `${finite ? "out of range" : "not finite"}); change the values above.`);
    }
  }
}

// Run a formula on display-unit inputs keyed by field key (missing keys take defaults).
export function run(spec, formula, raw) {
  const known = new Set(spec.fields.map((f) => f.key));
  const unknown = Object.keys(raw).filter((k) => !known.has(k)).sort();
  if (unknown.length) {
    throw new InputError(`${spec.name} has no input ${unknown.join(", ")}; inputs: ${spec.fields.map((f) => f.key).join(", ")}.`);
  }
  raw = resolvePresets(spec, raw); // a preset fills the fields not given (presets.js)
  const args = {};
  for (const field of spec.fields) {
    const value = parseField(field, field.key in raw ? raw[field.key] : field.default);
    if (!field.preset) args[field.name] = value; // the preset choice is not an argument
  }
  let result;
  try {
    result = formula(args, { ...spec.constants, ...(spec.data || {}) });
  } catch (error) {
    if (error instanceof InputError) {
      const keys = Object.fromEntries(spec.fields.map((f) => [f.name, f.key]));
      error.fields = error.fields.map((name) => keys[name] ?? name);
    }
    throw error;
  }
  checkSane(spec, result);
  return result;
}
