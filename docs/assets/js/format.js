// Display formatting, mirroring macros/format.py rule for rule (checked by shared vectors).
// At least three significant figures; the integer part is never rounded away; half-up
// rounding on the exact binary value (Number.prototype.toFixed).

function decimals(value) {
  const magnitude = Math.abs(value);
  if (magnitude >= 1) return Math.max(0, 3 - String(Math.trunc(magnitude)).length);
  const exponent = Number(magnitude.toExponential().split("e")[1]);
  return Math.min(12, 2 - exponent);
}

function commas(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

export function number(value) {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new Error(`refusing to print a non-finite number (${value})`);
  }
  if (value === 0) return "0";
  const text = Math.abs(value).toFixed(decimals(value));
  const [whole, frac] = text.split(".");
  return (value < 0 ? "-" : "") + commas(whole) + (frac ? "." + frac : "");
}

function integer(value) {
  if (!Number.isFinite(value)) throw new Error(`refusing to print a non-finite number (${value})`);
  const text = Math.abs(value).toFixed(0);
  return (value < 0 && text !== "0" ? "-" : "") + commas(text);
}

function scaled(value, base, units) {
  const magnitude = Math.abs(value);
  let index = 0;
  while (index < units.length - 1 && magnitude >= base ** (index + 1)) index += 1;
  return `${number(value / base ** index)} ${units[index]}`;
}

const ms = (s) => `${number(s * 1000)} ms`;
const seconds = (s) => `${number(s)} s`;

export const FORMATS = {
  ms,
  seconds,
  duration: (s) => (Math.abs(s) < 1 ? ms(s) : seconds(s)),
  percent: (r) => `${number(r * 100)}%`,
  tokens: (n) => `${integer(n)} tokens`,
  count: (n) => integer(n),
  number,
  tokens_per_second: (v) => `${number(v)} tokens/s`,
  words_per_minute: (v) => `${number(v)} words/min`,
  bytes: (v) => (Math.abs(v) < 1000 ? `${integer(v)} B` : scaled(v, 1000, ["B", "kB", "MB", "GB", "TB", "PB"])),
  bytes_iec: (v) => (Math.abs(v) < 1024 ? `${integer(v)} B` : scaled(v, 1024, ["B", "KiB", "MiB", "GiB", "TiB", "PiB"])),
  bits_per_second: (v) => scaled(v, 1000, ["bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"]),
  usd: (v) => {
    if (Math.abs(v) >= 1) {
      const [whole, frac] = Math.abs(v).toFixed(2).split(".");
      return `${v < 0 ? "-" : ""}$${commas(whole)}.${frac}`;
    }
    return `${v < 0 ? "-" : ""}$${number(Math.abs(v))}`;
  },
};

export function formatValue(fmt, value) {
  const formatter = FORMATS[fmt];
  if (!formatter) throw new Error(`unknown format ${fmt}`);
  return formatter(value);
}
