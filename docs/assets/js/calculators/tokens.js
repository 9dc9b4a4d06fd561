// Twin of calculators/tokens.py: text size in tokens, characters and bytes, and on the wire.
// No DOM. The measured sample counts and the streaming model's shapes arrive as the second
// argument (the calculator spec's constants and data), never retyped here. The streamed
// answer is sized by the streaming guide's twin, so both guides compute it in one place.
import { streaming_bandwidth } from "./framing.js";

const MAX_SIZE = 1e9;
const CONTENT_TYPES = ["english_prose", "python_code", "json", "chinese", "japanese", "arabic", "emoji", "base64"];
const UNITS = ["tokens", "characters", "bytes"];

function plain(value) {
  return Number.isInteger(value) && Math.abs(value) < 1e15
    ? value.toLocaleString("en-US")
    : String(value);
}

function requireRange(name, value, low, high, unit) {
  if (typeof value !== "number") throw new Error(`${name} must be a number in ${unit}; got ${value}.`);
  if (!Number.isFinite(value) || value < low || value > high) {
    throw new Error(`${name} must be from ${plain(low)} to ${plain(high)} ${unit}; got ${plain(value)}.`);
  }
}

function measured(k, contentType, field) {
  return k[`sample_${contentType}_${field}`];
}

// The ratios of one measured sample (the subset of content_profile the form needs).
export function content_profile(contentType, k) {
  if (!CONTENT_TYPES.includes(contentType)) {
    throw new Error(`content_type must be one of: ${CONTENT_TYPES.join(", ")}; got '${contentType}'.`);
  }
  const chars = measured(k, contentType, "num_chars");
  const size = measured(k, contentType, "num_utf8_bytes");
  const tokens = measured(k, contentType, "num_tokens");
  return {
    content_type: contentType,
    num_chars: chars,
    num_utf8_bytes: size,
    num_tokens: tokens,
    num_json_bytes_utf8: measured(k, contentType, "num_json_bytes_utf8"),
    num_json_bytes_ascii: measured(k, contentType, "num_json_bytes_ascii"),
    chars_per_token: chars / tokens,
    bytes_per_token: size / tokens,
    bytes_per_char: size / chars,
    json_utf8_escape_ratio: measured(k, contentType, "num_json_bytes_utf8") / size,
    json_ascii_escape_ratio: measured(k, contentType, "num_json_bytes_ascii") / size,
  };
}

export function text_size(a, k) {
  if (!UNITS.includes(a.unit)) {
    throw new Error(`unit must be one of: ${UNITS.join(", ")}; got '${a.unit}'.`);
  }
  requireRange("size", a.size, 1, MAX_SIZE, a.unit);
  requireRange("tokens_per_second", a.tokens_per_second, 0.1, 100000, "tokens/s");
  const p = content_profile(a.content_type, k);
  let tokens;
  if (a.unit === "tokens") tokens = a.size;
  else if (a.unit === "characters") tokens = a.size / p.chars_per_token;
  else tokens = a.size / p.bytes_per_token;
  const chars = tokens * p.chars_per_token;
  const textBytes = tokens * p.bytes_per_token;
  const jsonUtf8 = textBytes * p.json_utf8_escape_ratio;
  const jsonAscii = textBytes * p.json_ascii_escape_ratio;
  const envelope = k.chat_request_envelope_bytes;
  const streamedTokens = Math.max(tokens, 1.0);
  const s = streaming_bandwidth({
    provider_format: a.provider_format, transport: "sse-h2-tls", compression: "none",
    tokens_per_second: a.tokens_per_second, peak_to_average_ratio: 1,
    text_bytes_per_token: jsonUtf8 / streamedTokens, tokens_per_event: 1,
    num_extra_id_chars: 0, include_usage: "no", obfuscation: "on", num_keepalive_comments: 0,
    tokens_per_response: streamedTokens, requests_per_month: 0, tcp_ip: "no",
    egress_usd_per_gb: 0,
  }, k);
  const openai = chars / k.openai_english_chars_per_token;
  const claude = chars / k.claude_english_chars_per_token;
  return {
    ...a,
    chars_per_token: p.chars_per_token,
    bytes_per_token: p.bytes_per_token,
    json_utf8_escape_ratio: p.json_utf8_escape_ratio,
    json_ascii_escape_ratio: p.json_ascii_escape_ratio,
    num_tokens: tokens,
    num_chars: chars,
    num_utf8_bytes: textBytes,
    request_envelope_bytes: envelope,
    json_text_bytes_utf8: jsonUtf8,
    json_text_bytes_ascii: jsonAscii,
    json_escape_bytes: jsonUtf8 - textBytes,
    request_bytes_utf8: envelope + jsonUtf8,
    request_bytes_ascii: envelope + jsonAscii,
    ascii_escaping_extra_ratio: (envelope + jsonAscii) / (envelope + jsonUtf8) - 1,
    num_events: s.num_events_per_response,
    response_text_bytes: textBytes,
    stream_event_bytes: s.response_event_bytes,
    stream_framing_bytes: s.response_framing_bytes,
    stream_bytes: s.response_bytes,
    stream_to_text_ratio: s.response_bytes / textBytes,
    stream_seconds: s.stream_duration_seconds,
    stream_bits_per_second: s.response_bytes * 8 / s.stream_duration_seconds,
    text_bits_per_second: textBytes * 8 / s.stream_duration_seconds,
    openai_rule_tokens: openai,
    claude_rule_tokens: claude,
    openai_rule_error_ratio: openai / tokens - 1,
    claude_rule_error_ratio: claude / tokens - 1,
  };
}
