// Opens the collapsed <details> a link points at: the disclosure itself (#sources), one inside
// the target, or the first one in the section of a heading (#assumptions-and-sources). Runs on
// load, on every instant-navigation page (Material's document$), on hash changes and after a
// click on a same-page link (Material's instant navigation scrolls without a hashchange).
function openTarget() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (!target) return;
  let details = target.closest("details");
  for (let el = target.nextElementSibling; !details && el && !/^H[1-6]$/.test(el.tagName);
    el = el.nextElementSibling) {
    details = el.matches("details") ? el : el.querySelector("details");
  }
  if (details && !details.open) {
    details.open = true;
    target.scrollIntoView();
  }
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(openTarget);
} else {
  openTarget();
}
window.addEventListener("hashchange", openTarget);
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("a[href*='#']");
  if (link) setTimeout(openTarget, 0);
});
