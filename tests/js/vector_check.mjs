// Runs the shared vectors through the JavaScript twins. Used by Node (run_vectors.mjs) and,
// as the same source text, inside headless Chromium against the built site.
// `load(path)` imports a module given its path under docs/assets/js/.
export default async function checkVectors(vectors, load) {
  const failures = [];
  let checked = 0;
  const core = await load("calc-core.js");
  const format = await load("format.js");
  const close = (a, b) => a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  for (const [name, entry] of Object.entries(vectors.calculators)) {
    const module = await load(`calculators/${entry.spec.module}.js`);
    const formula = module[entry.spec.function];
    if (typeof formula !== "function") {
      failures.push(`${name}: module ${entry.spec.module} has no ${entry.spec.function}`);
      continue;
    }
    for (const c of entry.cases) {
      checked += 1;
      let result;
      try {
        result = core.run(entry.spec, formula, c.inputs);
      } catch (error) {
        if (!("error" in c)) failures.push(`${name} / ${c.name}: JS threw ${error.message}`);
        else if (error.message !== c.error) failures.push(`${name} / ${c.name}: message ${JSON.stringify(error.message)} != ${JSON.stringify(c.error)}`);
        else if (JSON.stringify(error.fields ?? []) !== JSON.stringify(c.error_fields ?? [])) {
          failures.push(`${name} / ${c.name}: error fields ${JSON.stringify(error.fields)} != ${JSON.stringify(c.error_fields)}`);
        }
        continue;
      }
      if ("error" in c) {
        failures.push(`${name} / ${c.name}: JS accepted input Python rejects (${c.error})`);
        continue;
      }
      for (const [key, expected] of Object.entries(c.expected)) {
        const got = result[key];
        const ok = typeof expected === "number" ? typeof got === "number" && close(got, expected) : got === expected;
        if (!ok) failures.push(`${name} / ${c.name}: ${key} = ${got}, Python ${expected}`);
      }
      for (const [key, expected] of Object.entries(c.sequences || {})) {
        const got = result[key];
        if (!Array.isArray(got) || got.length !== expected.length) {
          failures.push(`${name} / ${c.name}: ${key} has ${got?.length} items, Python ${expected.length}`);
          continue;
        }
        const bad = expected.findIndex((e, i) => (typeof e === "number" ? !close(got[i], e) : got[i] !== e));
        if (bad >= 0) failures.push(`${name} / ${c.name}: ${key}[${bad}] = ${got[bad]}, Python ${expected[bad]}`);
      }
    }
  }
  for (const p of vectors.parsing || []) {
    checked += 1;
    let got;
    try {
      got = { value: core.parseField(p.field, p.raw) };
    } catch (error) {
      got = { error: error.message };
    }
    const want = "error" in p ? { error: p.error } : { value: p.value };
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      failures.push(`parse ${JSON.stringify(p.raw)}: JS ${JSON.stringify(got)}, Python ${JSON.stringify(want)}`);
    }
  }
  for (const f of vectors.formats) {
    checked += 1;
    let got;
    try {
      got = format.formatValue(f.format, f.value, f.sig);
    } catch (error) {
      got = `threw ${error.message}`;
    }
    if (got !== f.expected) failures.push(`format ${f.format}(${f.value}${f.sig ? `, sig ${f.sig}` : ""}) = ${JSON.stringify(got)}, Python ${JSON.stringify(f.expected)}`);
  }
  const { Rng } = await load("rng.js");
  for (const seq of vectors.rng || []) {
    checked += 1;
    const rng = new Rng(seq.seed);
    seq.calls.forEach(([method, args], i) => {
      const got = rng[method](...args);
      const expected = seq.expected[i];
      const ok = method === "next_u32" ? got === expected : close(got, expected);
      if (!ok) failures.push(`rng ${seq.name} / call ${i} ${method}: ${got}, Python ${expected}`);
    });
  }
  return { checked, failures };
}
