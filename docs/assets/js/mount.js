// The small stub every page carries for the live calculator forms (issue 17). A page without
// a form loads nothing more. On a page with forms, each form is mounted (calc-forms.js, then
// the form's own formula module, both by dynamic import from this origin) when it comes near
// the viewport, when the reader focuses or points at it, or at once when the address carries
// its state (?rtt=120). So a first visit loads only the code of the forms a reader can see.
// Runs on every Material `document$` emission (instant navigation); idempotent.
const SELECTOR = "form[data-calculator]";
let core = null; // the promise of calc-forms.js, once a form has asked for it
let observer = null;

const loadCore = () => (core ??= import("./calc-forms.js"));

function fail(form, error) {
  form.dataset.mounted = "failed";
  const box = form.querySelector(".calc-error");
  if (box) {
    box.textContent = `This calculator could not start: ${error.message}`;
    box.hidden = false;
  }
}

function mountNow(form) {
  if (observer) observer.unobserve(form);
  if (form.dataset.mounted) return;
  loadCore().then((forms) => forms.mountForm(form)).catch((error) => fail(form, error));
}

// True when the query string holds one of this form's fields (plain or with its prefix).
function linked(form) {
  const params = new URLSearchParams(window.location.search);
  if (![...params.keys()].length) return false;
  let keys;
  try {
    keys = new Set(JSON.parse(form.dataset.spec).fields.map((f) => f.key));
  } catch (error) {
    return true; // let the mount report the broken spec
  }
  const name = form.dataset.calculator;
  return [...params.keys()].some((key) => {
    const dot = key.lastIndexOf(".");
    const prefix = dot < 0 ? "" : key.slice(0, dot);
    const field = key.slice(dot + 1);
    return keys.has(field) && (prefix === "" || prefix === name || prefix.startsWith(`${name}-`));
  });
}

function scan() {
  if (observer) observer.disconnect();
  observer = null;
  if (core) core.then((forms) => forms.unmountGone()).catch(() => {});
  const forms = [...document.querySelectorAll(SELECTOR)];
  if (!forms.length) return;
  if ("IntersectionObserver" in window) {
    observer = new IntersectionObserver((entries) => {
      for (const entry of entries) if (entry.isIntersecting) mountNow(entry.target);
    }, { rootMargin: "50% 0px" });
  }
  for (const form of forms) {
    if (!observer || linked(form)) {
      mountNow(form);
      continue;
    }
    observer.observe(form);
    form.addEventListener("focusin", () => mountNow(form), { once: true });
    form.addEventListener("pointerdown", () => mountNow(form), { once: true });
  }
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(scan);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", scan);
} else {
  scan();
}
