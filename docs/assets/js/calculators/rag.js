// Twin of calculators/rag.py: the RAG hop budget and its simulated first-token time. No DOM.

import { InputError, plainNumber } from "../calc-core.js";
import { fanOutSlowRatio, simulatePath, stage } from "./request_graph.js";

const PAIRS = [
  ["Client to app", "client"], ["Query embedding", "embed"], ["Vector search", "search"],
  ["Keyword search", "keyword"], ["Rerank (0 = none)", "rerank"], ["Prompt build", "build"],
  ["LLM time to first token", "ttft"],
];

const ms = (seconds) => plainNumber(Number((seconds * 1000).toFixed(6)));

export function rag_latency(a) {
  for (const [label, key] of PAIRS) {
    const median = a[`${key}_median_seconds`];
    const p95 = a[`${key}_p95_seconds`];
    if (p95 < median) {
      throw new InputError(`${label}, p95 (${ms(p95)} ms) must be at least its median (${ms(median)} ms).`,
        [`${key}_median_seconds`, `${key}_p95_seconds`]);
    }
  }
  const guard = { timeout: a.retrieval_timeout_seconds, retries: a.retrieval_retries, hedge: a.hedge_after_seconds };
  const embed = stage("Query embedding", a.embed_median_seconds, a.embed_p95_seconds, guard);
  const search = stage("Vector search", a.search_median_seconds, a.search_p95_seconds, guard);
  const parallel = a.keyword === "parallel";
  const retrievalStep = [[embed, search]];
  if (parallel) retrievalStep.push([stage("Keyword search", a.keyword_median_seconds, a.keyword_p95_seconds)]);
  const steps = [
    [[stage("Client to app", a.client_median_seconds, a.client_p95_seconds)]],
    retrievalStep,
    [[stage("Rerank", a.rerank_median_seconds, a.rerank_p95_seconds)]],
    [[stage("Prompt build", a.build_median_seconds, a.build_p95_seconds)]],
    [[stage("LLM time to first token", a.ttft_median_seconds, a.ttft_p95_seconds)]],
  ];
  let retrieval = a.embed_median_seconds + a.search_median_seconds;
  if (parallel) retrieval = Math.max(retrieval, a.keyword_median_seconds);
  const budget = a.client_median_seconds + retrieval + a.rerank_median_seconds +
    a.build_median_seconds + a.ttft_median_seconds;
  const sim = simulatePath(steps, a.num_samples, a.seed);
  return {
    keyword: a.keyword,
    output_tokens: a.output_tokens,
    tpot_seconds: a.tpot_seconds,
    num_samples: a.num_samples,
    seed: a.seed,
    hop_budget_seconds: budget,
    retrieval_median_seconds: retrieval,
    llm_ttft_median_seconds: a.ttft_median_seconds,
    llm_share_ratio: budget > 0 ? a.ttft_median_seconds / budget : 0,
    first_token_median_seconds: sim.median_seconds,
    first_token_p95_seconds: sim.p95_seconds,
    first_token_p99_seconds: sim.p99_seconds,
    answer_median_seconds: sim.median_seconds + (a.output_tokens - 1) * a.tpot_seconds,
    fan_out_slow_ratio: fanOutSlowRatio(retrievalStep.length),
    calls_per_request: sim.calls_per_request,
    failed_ratio: sim.failed_ratio,
  };
}
