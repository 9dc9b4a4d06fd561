// Twin of calculators/rag_context.py: what retrieved context costs a RAG request. Prices and
// guide 2's stream size (fixed + per token) come from the spec's data. No DOM.

import { requireRange } from "../calc-core.js";

const FLOAT32_BYTES = 4;

export function serialAvailability(avail, retries) {
  return avail.reduce((p, a, i) => p * (1 - (1 - a) ** (retries[i] + 1)), 1);
}

export function rag_context(a, c) {
  requireRange("Retrieved chunks", a.num_chunks, 0, 1000, "chunks");
  requireRange("Tokens per chunk", a.chunk_tokens, 0, 1000000, "tokens");
  requireRange("Queries per day", a.queries_per_day, 0, 1e10, "queries");
  const prices = c.rag_prices[a.model];
  if (!prices) throw new Error(`Model must be one of: ${Object.keys(c.rag_prices).join(", ")}; got '${a.model}'.`);
  const b = c.openai_english_chars_per_token;
  const retrieved = a.num_chunks * a.chunk_tokens;
  const prompt = a.system_tokens + retrieved + a.query_tokens;
  const embedCost = a.query_tokens * c.openai_embedding_3_small_usd_per_token;
  const retrievalCost = retrieved * prices.input;
  const cost = embedCost + prompt * prices.input + a.answer_tokens * prices.output;
  const streamed = c.rag_stream_fixed_bytes + c.rag_stream_bytes_per_token * a.answer_tokens;
  const up = a.query_tokens * b;
  const vector = FLOAT32_BYTES * a.embedding_dimensions;
  const chunks = retrieved * b;
  const request = prompt * b;
  const r = a.retries;
  const availability = serialAvailability(
    [a.embed_availability_ratio, a.search_availability_ratio, a.llm_availability_ratio], [r, r, r]);
  return {
    num_chunks: a.num_chunks, chunk_tokens: a.chunk_tokens, model: a.model, model_name: prices.name,
    queries_per_day: a.queries_per_day, retrieved_tokens: retrieved, prompt_tokens: prompt,
    retrieval_prefill_seconds: retrieved / a.prefill_tokens_per_second,
    retrieval_cost_usd: retrievalCost,
    retrieval_cost_per_day_usd: retrievalCost * a.queries_per_day,
    query_cost_usd: cost, cost_per_day_usd: cost * a.queries_per_day,
    retrieval_cost_share_ratio: cost > 0 ? retrievalCost / cost : 0,
    query_up_bytes: Math.round(up), vector_bytes: vector, chunk_bytes: Math.round(chunks),
    llm_request_bytes: Math.round(request), stream_bytes: streamed,
    bytes_per_query: up + vector + 2 * chunks + request + streamed,
    availability_ratio: availability,
    downtime_minutes_per_month: (1 - availability) * 30 * 24 * 60,
  };
}
