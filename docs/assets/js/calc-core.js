// Parsing, validation and running of a calculator spec, mirroring calculators/fields.py and
// calculators/registry.run. No DOM: the shared vectors run this file in Node and Chromium.

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function plainNumber(value) {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) {
    return String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ",").replace(/^/, value < 0 ? "-" : "");
  }
  return String(value);
}

// Guard for direct callers of a formula (base units); mirrors calculators.fields.require_range.
export function requireRange(name, value, low, high, unit) {
  if (typeof value !== "number") throw new Error(`${name} must be a number in ${unit}; got ${value}.`);
  if (!Number.isFinite(value) || value < low || value > high) {
    throw new Error(`${name} must be from ${plainNumber(low)} to ${plainNumber(high)} ${unit}; got ${plainNumber(value)}.`);
  }
}

function describe(raw) {
  if (typeof raw === "number") return Number.isFinite(raw) ? plainNumber(raw) : `'${raw}'`;
  const text = String(raw ?? "").trim();
  return text ? `"${text}"` : "nothing";
}

function rangeMessage(field, got) {
  const kind = field.integer ? "a whole number" : "a number";
  return `${field.label} (${field.key}) must be ${kind} from ${plainNumber(field.minimum)} ` +
    `to ${plainNumber(field.maximum)} ${field.unit}; got ${got}.`;
}

export class InputError extends Error {
  constructor(message, key) {
    super(message);
    this.name = "InputError";
    this.key = key;
  }
}

// Parse one raw value (string or number, display units); return it in base units.
export function parseField(field, raw) {
  if (field.multiline) {
    const text = String(raw ?? "");
    const length = [...text].length;
    if (!text.trim() || length > field.maximum) {
      const got = text.trim() ? `${plainNumber(length)} characters` : "nothing";
      throw new InputError(`${field.label} (${field.key}) must be text of 1 to ${plainNumber(field.maximum)} characters; got ${got}.`, field.key);
    }
    return text;
  }
  if (field.choices) {
    const allowed = field.choices.map((c) => c[0]);
    const text = String(raw ?? "").trim();
    if (!allowed.includes(text)) {
      throw new InputError(`${field.label} (${field.key}) must be one of: ${allowed.join(", ")}; got ${describe(raw)}.`, field.key);
    }
    return text;
  }
  let value;
  if (typeof raw === "number") {
    value = raw;
  } else {
    const text = String(raw ?? "").trim();
    if (!NUMBER.test(text)) throw new InputError(rangeMessage(field, describe(raw)), field.key);
    value = Number(text);
  }
  if (!Number.isFinite(value) || value < field.minimum || value > field.maximum) {
    throw new InputError(rangeMessage(field, describe(raw)), field.key);
  }
  if (field.integer) {
    if (!Number.isInteger(value)) throw new InputError(rangeMessage(field, describe(raw)), field.key);
    return value;
  }
  return value / field.scale;
}

// Run a formula on display-unit inputs keyed by field key (missing keys take defaults).
export function run(spec, formula, raw) {
  const known = new Set(spec.fields.map((f) => f.key));
  const unknown = Object.keys(raw).filter((k) => !known.has(k)).sort();
  if (unknown.length) {
    throw new InputError(`${spec.name} has no input ${unknown.join(", ")}; inputs: ${spec.fields.map((f) => f.key).join(", ")}.`);
  }
  const args = {};
  for (const field of spec.fields) {
    args[field.name] = parseField(field, field.key in raw ? raw[field.key] : field.default);
  }
  return formula(args, { ...spec.constants, ...(spec.data || {}) });
}
