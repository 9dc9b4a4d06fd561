// Twin of calculators/rng.py: mulberry32 (Tommy Ettinger; bryc's "PRNGs" notes,
// https://github.com/bryc/code/blob/master/jshash/PRNGs.md#mulberry32) with the same helpers
// drawing uniforms in the same order. The state is kept as an unsigned 32-bit integer (the
// usual one-liner lets it grow as a float, which loses bits after a few million calls).
// Box-Muller uses the cosine branch only (two uniforms per normal); gamma is Marsaglia-Tsang.
// No DOM: the shared vectors run this file in Node and Chromium.

const WEYL = 0x6d2b79f5;
const TWO_32 = 4294967296;

export class Rng {
  constructor(seed) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new Error(`seed must be a whole number from 0 to 4,294,967,295; got ${seed}.`);
    }
    this.state = seed >>> 0;
  }

  next_u32() {
    this.state = (this.state + WEYL) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  uniform() {
    return this.next_u32() / TWO_32;
  }

  uniform_between(low, high) {
    return low + (high - low) * this.uniform();
  }

  exponential(mean) {
    return -mean * Math.log(1 - this.uniform());
  }

  normal(mu = 0, sigma = 1) {
    const u1 = this.uniform();
    const u2 = this.uniform();
    return mu + sigma * Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  lognormal(mu, sigma) {
    return Math.exp(this.normal(mu, sigma));
  }

  gamma(shape, scale = 1) {
    if (!(shape > 0) || !(scale > 0)) {
      throw new Error(`gamma shape and scale must be positive; got ${shape}, ${scale}.`);
    }
    if (shape < 1) {
      const boost = this.gamma(shape + 1, scale);
      return boost * this.uniform() ** (1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = this.normal(0, 1);
      let v = 1 + c * x;
      if (v <= 0) continue;
      v = v * v * v;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
      if (u > 0 && Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
    }
  }
}
