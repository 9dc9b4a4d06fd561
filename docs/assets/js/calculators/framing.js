// Twin of calculators/framing.py (the streaming bandwidth calculator): same functions, same
// snake_case keys, no DOM. Protocol constants and the event shapes and compression ratios
// Python derives from the provider fixtures all arrive as the second argument (the
// calculator spec's constants and data).
import { requireRange } from "../calc-core.js";

const MAX_TOKENS = 2000000;
const CRLF = "\r\n";
const FORMATS = ["openai", "openai-observed", "openai-responses", "anthropic", "anthropic-compact"];
const TRANSPORTS = ["sse-h2-tls", "sse-h1-tls", "sse-h1", "ws-tls", "ws"];
const COMPRESSIONS = ["none", "event"];
const USAGE_CHOICES = ["no", "yes"];
const OBFUSCATION_CHOICES = ["on", "off"];
const TCP_IP_CHOICES = ["no", "yes"];
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

export function packet_overhead(wireBytes, k) {
  const perSegment = k.ipv4_header_bytes + k.tcp_header_bytes + k.tcp_timestamps_option_bytes;
  const mss = k.ethernet_mtu_bytes - perSegment;
  const segments = Math.max(1, Math.ceil(wireBytes / mss));
  return [segments, segments * perSegment];
}

export function streaming_bandwidth(a, k) {
  checkChoice("provider_format", a.provider_format, FORMATS);
  checkChoice("transport", a.transport, TRANSPORTS);
  checkChoice("compression", a.compression, COMPRESSIONS);
  requireRange("tokens_per_second", a.tokens_per_second, 0.1, 100000, "tokens/s");
  requireRange("peak_to_average_ratio", a.peak_to_average_ratio, 1, 1000, "ratio");
  requireRange("text_bytes_per_token", a.text_bytes_per_token, 1, 100, "bytes");
  requireRange("tokens_per_event", a.tokens_per_event, 1, 1000, "tokens");
  requireRange("num_extra_id_chars", a.num_extra_id_chars, 0, MAX_ID_CHARS, "characters");
  checkChoice("include_usage", a.include_usage, USAGE_CHOICES);
  checkChoice("obfuscation", a.obfuscation, OBFUSCATION_CHOICES);
  requireRange("num_keepalive_comments", a.num_keepalive_comments, 0, MAX_KEEPALIVES, "comments");
  requireRange("tokens_per_response", a.tokens_per_response, 1, 1e9, "tokens");
  requireRange("requests_per_month", a.requests_per_month, 0, 1e12, "requests");
  checkChoice("tcp_ip", a.tcp_ip, TCP_IP_CHOICES);
  requireRange("egress_usd_per_gb", a.egress_usd_per_gb, 0, 10, "USD/GB");

  const shape = k.formats[a.provider_format];
  const websocket = a.transport.startsWith("ws");
  let ratio = 1.0;
  if (a.compression === "event") ratio = shape.compression[websocket ? "ws" : "sse"];
  const usage = a.include_usage === "yes" ? shape.usage_null_bytes : 0;
  const padded = a.obfuscation === "on" ? shape.content_padded_text_bytes : 0;
  const dropped = a.obfuscation === "on" ? 0 : shape.obfuscation_field_bytes;
  const extra = a.num_extra_id_chars * shape.content_ids + usage - dropped;
  const text = a.text_bytes_per_token * a.tokens_per_event;
  const pad = Math.max(0.0, padded - text);
  const data = shape.content_data_base_bytes + extra + text + pad;
  const sse = shape.content_sse_base_bytes + extra + text + pad;
  const body = (websocket ? data : sse) * ratio;
  const wire = event_wire_bytes(a.transport, sse, data, ratio, k);
  const wireUncompressed = event_wire_bytes(a.transport, sse, data, 1.0, k);
  const [segments, headers] = packet_overhead(wire, k);
  const eventsPerSecond = a.tokens_per_second / a.tokens_per_event;
  const streamBytesPerSecond = eventsPerSecond * wire;
  const numTextEvents = Math.ceil(a.tokens_per_response / a.tokens_per_event);
  const responseText = a.tokens_per_response * a.text_bytes_per_token;
  const lastText = responseText - (numTextEvents - 1) * text;
  const pads = (numTextEvents - 1) * pad + Math.max(0.0, padded - lastText);
  const base = websocket ? shape.content_data_base_bytes : shape.content_sse_base_bytes;
  // Text events as written: one frame each around all of the text events' bytes.
  const textEventsWire = numTextEvents * (wire - body) +
    (numTextEvents * (base + extra) + responseText + pads) * ratio;
  const others = [...shape.before, ...shape.after];
  if (a.include_usage === "yes") others.push(...shape.usage_events);
  const textBodies = (numTextEvents * (base + extra) + responseText + pads) * ratio;
  let othersWire = 0.0;
  let othersBodies = 0.0;
  let othersSegments = 0;
  for (const [s, d, ids, gains, copies] of others) {
    const grow = a.num_extra_id_chars * ids + usage * gains + copies * responseText;
    const size = event_wire_bytes(a.transport, s + grow, d + grow, ratio, k);
    othersWire += size;
    othersBodies += ((websocket ? d : s) + grow) * ratio;
    othersSegments += packet_overhead(size, k)[0];
  }
  const keepalive = event_wire_bytes(a.transport, shape.keepalive_bytes, 0, ratio, k);
  const keepaliveBody = websocket ? 0.0 : shape.keepalive_bytes * ratio;
  const fixed = response_fixed_bytes(a.transport, a.compression, k);
  // Segments: one per event write (more for a large one), two for the fixed writes.
  const numSegments = numTextEvents * segments + othersSegments + 2 +
    a.num_keepalive_comments * packet_overhead(keepalive, k)[0];
  const perSegment = headers / segments;
  const tcpIpBytes = a.tcp_ip === "yes" ? numSegments * perSegment : 0.0;
  const acks = Math.ceil(numSegments / k.tcp_segments_per_ack) * perSegment;
  const response = fixed + textEventsWire + othersWire + a.num_keepalive_comments * keepalive +
    tcpIpBytes;
  const events = textBodies + othersBodies + a.num_keepalive_comments * keepaliveBody;
  const month = k.seconds_per_month;
  const arrivals = a.requests_per_month / month;
  const duration = a.tokens_per_response / a.tokens_per_second;
  const averageStreams = arrivals * duration;
  const peakStreams = averageStreams * a.peak_to_average_ratio;
  const monthly = response * a.requests_per_month;
  return {
    ...a,
    text_bytes_per_event: text,
    padding_bytes_per_event: pad,
    event_data_bytes: data,
    event_sse_bytes: sse,
    compression_ratio: ratio,
    event_body_bytes: body,
    framing_bytes_per_event: wire - body,
    event_wire_bytes: wire,
    event_packet_bytes: wire + headers,
    event_wire_bytes_uncompressed: wireUncompressed,
    text_share_ratio: text / wireUncompressed,
    events_per_second: eventsPerSecond,
    stream_bytes_per_second: streamBytesPerSecond,
    stream_bits_per_second: streamBytesPerSecond * 8,
    arrival_rate_per_second: arrivals,
    stream_duration_seconds: duration,
    num_average_streams: averageStreams,
    num_peak_streams: peakStreams,
    total_bytes_per_second: streamBytesPerSecond * peakStreams,
    total_bits_per_second: streamBytesPerSecond * 8 * peakStreams,
    average_bits_per_second: monthly * 8 / month,
    num_events_per_response: numTextEvents + others.length,
    response_fixed_bytes: fixed,
    response_event_bytes: events,
    response_framing_bytes: response - tcpIpBytes - events,
    tcp_ip_bytes_per_response: tcpIpBytes,
    ack_bytes_per_response: acks,
    response_bytes: response,
    response_text_bytes: responseText,
    overhead_multiple: response / responseText,
    monthly_egress_bytes: monthly,
    monthly_egress_usd: monthly / 1e9 * a.egress_usd_per_gb,
  };
}
