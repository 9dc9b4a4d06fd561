// Display formatting, mirroring macros/format.py rule for rule (checked by shared vectors).
// Three significant figures by default, the integer part never rounded away, whole numbers
// without decimals; `sig` asks for that many significant figures in all, without trailing
// zeros. Durations in ms below one second, s below two minutes, then min, h, days. Half-up
// rounding on the exact binary value (Number.prototype.toFixed).

function finite(value) {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new Error(`refusing to print a non-finite number (${value})`);
  }
}

const exponentOf = (magnitude) => Number(magnitude.toExponential().split("e")[1]);

function decimals(value, sig) {
  const magnitude = Math.abs(value);
  if (sig !== undefined) return sig - 1 - exponentOf(magnitude);
  if (magnitude >= 1) return Math.max(0, 3 - String(Math.trunc(magnitude)).length);
  return Math.min(12, 2 - exponentOf(magnitude));
}

function commas(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function signed(value, text) {
  return value < 0 && /[1-9]/.test(text) ? "-" + text : text;
}

function fixed(magnitude, places) {
  // toFixed for places >= 0; for places < 0 round to tens, hundreds... and append the zeros.
  if (places >= 0) return magnitude.toFixed(places);
  return (magnitude / 10 ** -places).toFixed(0) + "0".repeat(-places);
}

export function number(value, sig) {
  finite(value);
  if (sig !== undefined && !(Number.isInteger(sig) && sig >= 1 && sig <= 12)) {
    throw new Error(`sig must be a whole number from 1 to 12, not ${sig}`);
  }
  value = Number(value.toPrecision(12)); // drop binary noise: 0.55 * 100 is 55.00000000000001
  if (value === 0) return "0";
  if (sig === undefined && Number.isInteger(value)) return integer(value);
  let [whole, frac = ""] = fixed(Math.abs(value), decimals(value, sig)).split(".");
  if (sig !== undefined) frac = frac.replace(/0+$/, "");
  return signed(value, commas(whole) + (frac ? "." + frac : ""));
}

function integer(value, sig) {
  finite(value);
  if (sig !== undefined) return number(value, sig);
  return signed(value, commas(Math.abs(value).toFixed(0)));
}

function scaled(value, base, units, sig) {
  const magnitude = Math.abs(value);
  let index = 0;
  while (index < units.length - 1 && magnitude >= base ** (index + 1)) index += 1;
  return `${number(value / base ** index, sig)} ${units[index]}`;
}

const DURATION_UNITS = [[172800, 86400, "days"], [7200, 3600, "h"], [120, 60, "min"]];

function duration(value, sig) {
  finite(value);
  const magnitude = Math.abs(value);
  if (magnitude < 1) {
    const text = number(value * 1000, sig);
    if (text.replace("-", "") !== "1,000") return `${text} ms`;
    value = Math.sign(value);
  }
  for (const [threshold, size, unit] of DURATION_UNITS) {
    if (magnitude >= threshold) return `${number(value / size, sig)} ${unit}`;
  }
  return `${number(value, sig)} s`;
}

function usd(value, sig) {
  finite(value);
  if (Math.abs(value) >= 1 && sig === undefined) {
    const [whole, frac] = Math.abs(value).toFixed(2).split(".");
    return signed(value, `$${commas(whole)}.${frac}`);
  }
  return signed(value, `$${number(Math.abs(value), sig)}`);
}

const bytes = (v, sig) => (Math.abs(v) < 1000 ? `${integer(v, sig)} B`
  : scaled(v, 1000, ["B", "kB", "MB", "GB", "TB", "PB"], sig));
const bytesIec = (v, sig) => (Math.abs(v) < 1024 ? `${integer(v, sig)} B`
  : scaled(v, 1024, ["B", "KiB", "MiB", "GiB", "TiB", "PiB"], sig));

export const FORMATS = {
  ms: duration,
  seconds: duration,
  duration,
  percent: (r, sig) => { finite(r); return `${number(r * 100, sig)}%`; },
  tokens: (n, sig) => `${integer(n, sig)} tokens`,
  count: (n, sig) => integer(n, sig),
  number,
  tokens_per_second: (v, sig) => `${number(v, sig)} tokens/s`,
  words_per_minute: (v, sig) => `${number(v, sig)} words/min`,
  bytes,
  bytes_iec: bytesIec,
  bits_per_second: (v, sig) => { finite(v); return scaled(v, 1000, ["bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"], sig); },
  flops_per_second: (v, sig) => { finite(v); return scaled(v, 1000, ["FLOP/s", "kFLOP/s", "MFLOP/s", "GFLOP/s", "TFLOP/s", "PFLOP/s"], sig); },
  flops_per_byte: (v, sig) => `${number(v, sig)} FLOP/B`,
  usd,
};

export function formatValue(fmt, value, sig) {
  const formatter = FORMATS[fmt];
  if (!formatter) throw new Error(`unknown format ${fmt}`);
  return formatter(value, sig ?? undefined);
}
