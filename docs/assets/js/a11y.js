// Keyboard access to boxes that scroll sideways (WCAG 2.1.1, axe rule
// scrollable-region-focusable). Material wraps Markdown tables in .md-typeset__scrollwrap at run
// time; a box whose content is wider than the column becomes a focusable, named region so a
// keyboard user can scroll it with the arrow keys. Re-run on every instant-navigation page
// (Material's document$), on resize and when a table skipped by content-visibility is first
// rendered; idempotent. Loaded by overrides/main.html.
// Material also lets a wide Markdown table scroll inside itself (display: inline-block;
// overflow: auto), so the table is a scroll box of its own.
const SCROLLERS = ".md-typeset__scrollwrap, .md-typeset__table > table, .md-typeset table.sources, " +
  ".md-typeset table.chart-data";

function label(box) {
  const caption = box.querySelector("caption");
  return caption && caption.textContent.trim() ? caption.textContent.trim() : "Table (scrolls sideways)";
}

function skipped(box) {
  return typeof box.checkVisibility === "function" &&
    !box.checkVisibility({ contentVisibilityAuto: true });
}

function markScrollRegions() {
  // Read every width first, then write: interleaving would force a layout per box.
  // A box scrolls either way: an off-screen wrapper that content-visibility has not rendered
  // yet keeps its intrinsic height (site.css), so a tall table scrolls vertically until shown.
  // Material's table wrappers are always made focusable regions: whether one scrolls depends on
  // layout that content-visibility may not have done yet, and a checker (or a reader's Tab key)
  // may get there first.
  // A box inside a part content-visibility skips is not measured (that would lay out the whole
  // page at load): like the wrappers, it is a focusable region until the browser renders it
  // (contentvisibilityautostatechange below), and is measured then.
  const boxes = [...document.querySelectorAll(SCROLLERS)].map((box) => [box,
    box.classList.contains("md-typeset__scrollwrap") || skipped(box) ||
    box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1]);
  for (const [box, scrolls] of boxes) {
    if (scrolls && box.dataset.scrollRegion !== "yes") {
      box.dataset.scrollRegion = "yes";
      box.tabIndex = 0;
      if (box.tagName !== "TABLE") {
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", label(box));
      }
    } else if (!scrolls && box.dataset.scrollRegion === "yes") {
      delete box.dataset.scrollRegion;
      box.removeAttribute("tabindex");
      if (box.tagName !== "TABLE") {
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
  }
}

let frame = 0;
function schedule() {
  cancelAnimationFrame(frame);
  frame = requestAnimationFrame(markScrollRegions);
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(schedule);
} else {
  schedule();
}
window.addEventListener("resize", schedule);
// site.css lets the browser skip layout of tables below the fold (content-visibility: auto),
// so a box's real width is known only once it is rendered: check again when that happens.
document.addEventListener("contentvisibilityautostatechange", (event) => {
  if (!event.skipped) schedule();
}, true);
