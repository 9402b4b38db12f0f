// Bundles the command and its worker threads into a few files (`npm run build`): Node loads them in about 0.09 s,
// against 0.25 to 0.33 s for the 150 modules and packages `newsmirror build` imports one by one.
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isEntryPoint } from "../src/cli/entry-point.js";

/** Each entry becomes `<name>.js` in the output folder; module-worker.ts finds the workers there by name. */
export const BUNDLE_ENTRIES: Record<string, string> = {
  newsmirror: "src/cli/main.ts",
  site: "src/site/index.ts",
  "post-listing": "src/site/post-listing.ts",
  // The benchmark runs `newsmirror run`'s fetch and build from these (bench/site.ts).
  ingest: "src/ingest/index.ts",
  "render-worker": "src/site/render-worker.ts",
  "list-worker": "src/site/list-worker.ts",
  "story-worker": "src/site/story-worker.ts",
};

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/**
 * The folders a bundle may go to: the one `npm run build` installs and the tests' own. Each is emptied first, so
 * no other folder is taken; each sits two folders below the project, where the code finds `theme/` at `../../`.
 */
const BUNDLE_FOLDERS = ["dist/bin", "test-output/bundle"].map((folder) => resolve(ROOT, folder));

/**
 * Bundles into `outdir`, one of `BUNDLE_FOLDERS` (relative to the project, or absolute as this file's real path
 * gives it). Packages are bundled too; the two the content stage loads on first use through its own `require`
 * (linkedom, sanitize-html) stay in `node_modules`.
 */
export async function bundle(outdir: string): Promise<void> {
  const target = resolve(ROOT, outdir);
  if (!BUNDLE_FOLDERS.includes(target)) throw new Error(`bundle: ${target} is not a bundle folder (${BUNDLE_FOLDERS.join(", ")})`);
  // Chunks are named by their hash: those of an earlier bundle would stay beside the new ones.
  rmSync(target, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: BUNDLE_ENTRIES,
    outdir: target,
    // For `node --enable-source-maps` and debuggers: stack traces then name the source files (lines only: the
    // sources themselves would double what ships).
    sourcemap: true,
    sourcesContent: false,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    chunkNames: "chunk-[hash]",
    logLevel: "warning",
    // CommonJS packages inside an ES module bundle call `require` for Node's own modules.
    banner: { js: `import { createRequire as newsmirrorRequire } from "node:module"; const require = newsmirrorRequire(import.meta.url);` },
  });
}

if (isEntryPoint(import.meta.url)) await bundle(process.argv[2] ?? "dist/bin");
