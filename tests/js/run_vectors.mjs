// node tests/js/run_vectors.mjs tests/vectors.json  -> prints {"checked": n, "failures": [...]}
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";
import checkVectors from "./vector_check.mjs";

const vectors = JSON.parse(readFileSync(process.argv[2], "utf8"));
const base = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../docs/assets/js");
const load = (p) => import(pathToFileURL(path.join(base, p)).href);
const report = await checkVectors(vectors, load);
console.log(JSON.stringify(report));
process.exit(report.failures.length ? 1 : 0);
