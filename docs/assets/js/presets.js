// Presets, the twin of calculators/presets.py: a choice field whose options are catalog entries
// (plus "custom") fills the fields listed in its spec (`field.preset.values[entry]`, display
// units, read from the catalog in Python; never retyped here). A value the reader gave wins
// over the entry's; "custom" fills nothing. No DOM in resolvePresets (the vectors run it).

const SPACE = /^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g; // calc-core.js WHITESPACE, same set
const clean = (raw) => String(raw ?? "").replace(SPACE, "");

function entryValues(field, entry) {
  return (field.preset && field.preset.values[clean(entry)]) || {};
}

// raw plus, for each preset naming an entry, the entry's values for the keys raw lacks.
export function resolvePresets(spec, raw) {
  const out = { ...raw };
  for (const field of spec.fields) {
    if (!field.preset) continue;
    const values = entryValues(field, field.key in out ? out[field.key] : field.default);
    for (const [key, value] of Object.entries(values)) if (!(key in out)) out[key] = value;
  }
  return out;
}

// What each field shows when the reader changed nothing: the chosen entry's value, else the
// default. The URL keeps only the values that differ from this baseline.
export function presetBaseline(spec, raw) {
  const base = Object.fromEntries(spec.fields.map((f) => [f.key, String(f.default)]));
  for (const field of spec.fields) {
    if (!field.preset) continue;
    for (const [key, value] of Object.entries(entryValues(field, raw[field.key] ?? field.default))) {
      base[key] = String(value);
    }
  }
  return base;
}

// The reader chose an entry in a preset <select>: fill the fields it lists.
export function applyPreset(form, spec, control) {
  const field = spec.fields.find((f) => f.preset && control && f.key === control.name);
  if (!field) return;
  for (const [key, value] of Object.entries(entryValues(field, control.value))) {
    const target = form.elements.namedItem(key);
    if (target) target.value = String(value);
  }
}

// After the URL restored the controls: fields the URL does not mention take the entry's value.
export function restorePresets(form, spec, params) {
  for (const field of spec.fields) {
    const control = form.elements.namedItem(field.key);
    if (!field.preset || !control) continue;
    for (const [key, value] of Object.entries(entryValues(field, control.value))) {
      const target = form.elements.namedItem(key);
      if (target && !params.has(key)) target.value = String(value);
    }
  }
}
