// Charts next to a calculator redraw from its live result (issue 9.4). Generic: a build-time
// chart that carries data-live-calculator="<name>" and data-field="<result field>" on each
// segment (macros stacked_bar(..., live=name)) is redrawn whenever that calculator's form
// computes a result. Geometry is the twin of calculators/layout.stack; no DOM outside charts.
import { formatValue } from "./format.js";

// Twin of calculators.layout.stack: (value) items laid side by side across `width` units.
export function stack(values, width) {
  const total = values.reduce((sum, v) => sum + v, 0);
  if (!(total > 0)) return null;
  let x = 0;
  return values.map((value) => {
    const w = (width * value) / total;
    const segment = { value, share_ratio: value / total, x, width: w };
    x += w;
    return segment;
  });
}

export function redrawCharts(root, name, result) {
  for (const chart of root.querySelectorAll(`figure[data-live-calculator="${name}"]`)) {
    const rects = [...chart.querySelectorAll("rect[data-field]")];
    const rows = [...chart.querySelectorAll("tr[data-field]")];
    const values = rects.map((r) => result[r.dataset.field]);
    if (values.some((v) => typeof v !== "number" || !Number.isFinite(v) || v < 0)) continue;
    const segments = stack(values, 100);
    if (!segments) continue;
    const fmt = chart.dataset.format || "number";
    segments.forEach((seg, i) => {
      const text = formatValue(fmt, seg.value);
      const row = rows[i];
      const label = row ? row.cells[0].textContent : rects[i].dataset.field;
      rects[i].setAttribute("x", seg.x.toFixed(4));
      rects[i].setAttribute("width", seg.width.toFixed(4));
      const title = rects[i].querySelector("title");
      if (title) title.textContent = `${label}: ${text}`;
      if (row) {
        row.querySelector(".chart-value").textContent = text;
        row.querySelector(".chart-share").textContent = formatValue("percent", seg.share_ratio);
      }
    });
  }
}
