// How far V8 lets the old generation grow between full collections while a large mirror's site is built.
//
// A full build of a large mirror keeps a large live set on its main thread (the plan and the manifest: about
// 300 MB at 100,000 posts) while rendering turns over gigabytes of short-lived strings. V8 picks the growth factor
// from how fast the program allocates against how fast it collects: measured at 100,000 posts, the main thread
// went to 2 times its live set before a full collection in some runs and to 3.4 times in others, and the faster
// rendering got, the higher it went (the include memo made a peak of 1,020 to 1,050 MB common, against 750 to
// 910 MB without it). A fixed factor of 2 keeps it at the low end: 790 to 835 MB with the memo. A small mirror
// is left to V8: at 10,000 posts the fixed factor raised the peak (about 360 MB against 320 to 340) and saved
// nothing. V8 reads the flag when it sets the next limit, at the end of each full collection, in every thread of
// the process: a build sets it as soon as its listing shows a large mirror, before it reads the posts (set when
// rendering began, it came after the last collection before the render and changed nothing: 1,020 MB). It only
// changes when V8 collects, never what a build does.
import { setFlagsFromString } from "node:v8";

/** Posts from which a build that goes the whole way bounds the heap's growth, from its reading to its end. */
export const BOUNDED_HEAP_POSTS = 30_000;
/** The old generation may grow to this many percent more than what survived the last full collection. */
const HEAP_GROWING_PERCENT = 100;

/** Builds bounding it now: the flag is the process's, and two builds in one process must not undo each other. */
let holders = 0;

/** Whoever started `node` chose a growth of their own (on its command line or in NODE_OPTIONS): it is theirs. */
function chosenByUser(): boolean {
  const options = [...process.execArgv, ...(process.env["NODE_OPTIONS"] ?? "").split(/\s+/)];
  return options.some((option) => /^--heap[-_]growing[-_]percent\b/.test(option));
}

/**
 * Bounds V8's heap growth in this process until the returned function is called, which gives V8 its own choice
 * back (0) once no build holds it. A growth chosen when `node` was started is left as it is.
 */
export function boundHeapGrowth(): () => void {
  if (chosenByUser()) return () => {};
  if (holders++ === 0) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders === 0) setFlagsFromString("--heap-growing-percent=0");
  };
}
