// Twin of calculators/framing.py (the streaming bandwidth calculator): same functions, same
// snake_case keys, no DOM. Protocol constants and the event shapes and compression ratios
// Python derives from the provider fixtures all arrive as the second argument (the
// calculator spec's constants and data).
import { requireRange } from "../calc-core.js";

const MAX_TOKENS = 2000000;
const CRLF = "\r\n";
const FORMATS = ["openai", "anthropic", "anthropic-compact"];
const TRANSPORTS = ["sse-h2-tls", "sse-h1-tls", "sse-h1", "ws-tls", "ws"];
const COMPRESSIONS = ["none", "event"];
const USAGE_CHOICES = ["no", "yes"];
const MAX_ID_CHARS = 200;
const MAX_KEEPALIVES = 100000;

function checkChoice(name, value, allowed) {
  if (!allowed.includes(value)) {
    throw new Error(`${name} must be one of: ${allowed.join(", ")}; got '${value}'.`);
  }
}

export function sse_event_bytes(dataBytes, eventNameBytes = 0) {
  const named = eventNameBytes ? "event: ".length + eventNameBytes + 1 : 0;
  return named + "data: ".length + dataBytes + 2;
}

export function chunked_chunk_bytes(dataBytes) {
  return Math.ceil(dataBytes).toString(16).length + 2 * CRLF.length + dataBytes;
}

export function websocket_frame_bytes(payloadBytes, masked, k) {
  let header = k.websocket_base_header_bytes;
  if (payloadBytes > k.websocket_max_medium_payload_bytes) header += k.websocket_long_length_bytes;
  else if (payloadBytes > k.websocket_max_short_payload_bytes) header += k.websocket_medium_length_bytes;
  const mask = masked ? k.websocket_masking_key_bytes : 0;
  return header + mask + payloadBytes;
}

export function tls_record_overhead_bytes(k) {
  return k.tls13_record_header_bytes + k.tls13_content_type_bytes + k.tls13_aead_tag_bytes;
}

export function response_fixed_bytes(transport, compression, k) {
  checkChoice("transport", transport, TRANSPORTS);
  checkChoice("compression", compression, COMPRESSIONS);
  return k.fixed_bytes[transport][compression];
}

export function event_wire_bytes(transport, sseBytes, dataBytes, ratio, k) {
  const tls = transport.endsWith("-tls") ? tls_record_overhead_bytes(k) : 0;
  if (transport.startsWith("ws")) return websocket_frame_bytes(dataBytes * ratio, false, k) + tls;
  const body = sseBytes * ratio;
  if (transport === "sse-h2-tls") return body + k.http2_frame_header_bytes + tls;
  return chunked_chunk_bytes(body) + tls;
}

export function streaming_bandwidth(a, k) {
  checkChoice("provider_format", a.provider_format, FORMATS);
  checkChoice("transport", a.transport, TRANSPORTS);
  checkChoice("compression", a.compression, COMPRESSIONS);
  requireRange("tokens_per_second", a.tokens_per_second, 0.1, 100000, "tokens/s");
  requireRange("num_concurrent_streams", a.num_concurrent_streams, 1, 10000000, "streams");
  requireRange("text_bytes_per_token", a.text_bytes_per_token, 1, 100, "bytes");
  requireRange("tokens_per_event", a.tokens_per_event, 1, 1000, "tokens");
  requireRange("num_extra_id_chars", a.num_extra_id_chars, 0, MAX_ID_CHARS, "characters");
  checkChoice("include_usage", a.include_usage, USAGE_CHOICES);
  requireRange("num_keepalive_comments", a.num_keepalive_comments, 0, MAX_KEEPALIVES, "comments");
  requireRange("tokens_per_response", a.tokens_per_response, 1, MAX_TOKENS, "tokens");
  requireRange("requests_per_month", a.requests_per_month, 0, 1e12, "requests");

  const shape = k.formats[a.provider_format];
  const websocket = a.transport.startsWith("ws");
  let ratio = 1.0;
  if (a.compression === "event") ratio = shape.compression[websocket ? "ws" : "sse"];
  const usage = a.include_usage === "yes" ? shape.usage_null_bytes : 0;
  const extra = a.num_extra_id_chars * shape.content_ids + usage;
  const text = a.text_bytes_per_token * a.tokens_per_event;
  const data = shape.content_data_base_bytes + extra + text;
  const sse = shape.content_sse_base_bytes + extra + text;
  const body = (websocket ? data : sse) * ratio;
  const wire = event_wire_bytes(a.transport, sse, data, ratio, k);
  const wireUncompressed = event_wire_bytes(a.transport, sse, data, 1.0, k);
  const eventsPerSecond = a.tokens_per_second / a.tokens_per_event;
  const streamBytesPerSecond = eventsPerSecond * wire;
  const numTextEvents = Math.ceil(a.tokens_per_response / a.tokens_per_event);
  const responseText = a.tokens_per_response * a.text_bytes_per_token;
  const base = websocket ? shape.content_data_base_bytes : shape.content_sse_base_bytes;
  // Text events as written: one frame each around all of the text events' bytes.
  const textEventsWire = numTextEvents * (wire - body) +
    (numTextEvents * (base + extra) + responseText) * ratio;
  const others = [...shape.before, ...shape.after];
  if (a.include_usage === "yes") others.push(...shape.usage_events);
  let othersWire = 0.0;
  for (const [s, d, ids, gains] of others) {
    const grow = a.num_extra_id_chars * ids + usage * gains;
    othersWire += event_wire_bytes(a.transport, s + grow, d + grow, ratio, k);
  }
  const keepalive = event_wire_bytes(a.transport, shape.keepalive_bytes, 0, ratio, k);
  const fixed = response_fixed_bytes(a.transport, a.compression, k);
  const response = fixed + textEventsWire + othersWire + a.num_keepalive_comments * keepalive;
  return {
    ...a,
    text_bytes_per_event: text,
    event_data_bytes: data,
    event_sse_bytes: sse,
    compression_ratio: ratio,
    event_body_bytes: body,
    framing_bytes_per_event: wire - body,
    event_wire_bytes: wire,
    event_wire_bytes_uncompressed: wireUncompressed,
    text_share_ratio: text / wireUncompressed,
    events_per_second: eventsPerSecond,
    stream_bytes_per_second: streamBytesPerSecond,
    stream_bits_per_second: streamBytesPerSecond * 8,
    total_bytes_per_second: streamBytesPerSecond * a.num_concurrent_streams,
    total_bits_per_second: streamBytesPerSecond * 8 * a.num_concurrent_streams,
    num_events_per_response: numTextEvents + others.length,
    response_fixed_bytes: fixed,
    response_bytes: response,
    response_text_bytes: responseText,
    overhead_multiple: response / responseText,
    monthly_egress_bytes: response * a.requests_per_month,
  };
}
