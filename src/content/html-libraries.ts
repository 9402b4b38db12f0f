// linkedom and sanitize-html, loaded on first use instead of when the content stage is imported.
// Together they are about 300 ms of start-up (linkedom 150 to 240 ms, sanitize-html with postcss 90 ms on
// 2 cores), paid before by every command that imports the stage, `newsmirror build` too, which only uses
// the story method. Both ship CommonJS builds, so they load synchronously, where the steps need them.
import { createRequire } from "node:module";

type Linkedom = typeof import("linkedom");
type SanitizeHtml = typeof import("sanitize-html");

const require = createRequire(import.meta.url);
let linkedomModule: Linkedom | undefined;
let sanitizeModule: SanitizeHtml | undefined;

/** linkedom (`parseHTML`), loaded on the first call. */
export function linkedom(): Linkedom {
  return (linkedomModule ??= require("linkedom") as Linkedom);
}

/** sanitize-html's function, loaded on the first call. */
export function sanitizeHtmlLibrary(): SanitizeHtml {
  return (sanitizeModule ??= require("sanitize-html") as SanitizeHtml);
}
