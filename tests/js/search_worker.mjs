// Runs Material's own search worker (from a built site) in Node, the way the page does:
// setup with an index, then queries; prints one JSON line per query with the number of
// results and any warning the worker logged ("Invalid query: ..."). Used by
// tests/test_page_weight.py to pin the search bug of issue 17.5.
//   node tests/js/search_worker.mjs SITE_DIR INDEX_JSON QUERY...
import fs from "node:fs";

const [site, indexPath, ...queries] = process.argv.slice(2);
const dir = `${site}/assets/javascripts/workers`;
const file = fs.readdirSync(dir).find((f) => f.startsWith("search.") && f.endsWith(".js"));
let handler = null;
const replies = [];
globalThis.self = globalThis;
globalThis.addEventListener = (type, fn) => { if (type === "message") handler = fn; };
globalThis.postMessage = (message) => replies.push(message);
globalThis.importScripts = () => {};
console.warn = (...args) => replies.push({ warning: args.map(String).join(" ") });
new Function(fs.readFileSync(`${dir}/${file}`, "utf8"))();

const index = JSON.parse(fs.readFileSync(indexPath, "utf8"));
index.options ??= { suggest: false };
const send = (data) => new Promise((resolve) => { handler({ data }); setTimeout(resolve, 0); });
await send({ type: 0, data: index });
await new Promise((resolve) => setTimeout(resolve, 50));
for (const query of queries) {
  replies.length = 0;
  await send({ type: 2, data: query });
  const result = replies.find((r) => r.type === 3);
  const warnings = replies.filter((r) => r.warning).map((r) => r.warning);
  console.log(JSON.stringify({ query, results: result ? result.data.items.length : null, warnings }));
}
