// Twin of calculators/device_ratios.py: full-memory sweep time and ridge point. No DOM.

export function device_ratios(a) {
  const sweep = a.memory_bytes / a.memory_bandwidth_bytes_per_second;
  return {
    ...a,
    memory_sweep_seconds: sweep,
    sweeps_per_second: 1 / sweep,
    ridge_flops_per_byte: a.dense_flops_per_second / a.memory_bandwidth_bytes_per_second,
  };
}
