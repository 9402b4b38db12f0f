// The check of `remove:` selectors: the content stage's, which queries pages with the same engine (linkedom).
// content imports sources only for types, so this runtime import makes no cycle.
export { findSelectorError as whyNotSelector } from "../content/index.js";
