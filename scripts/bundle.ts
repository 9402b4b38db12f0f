// Bundles the command and its worker threads into a few files (`npm run build`): Node loads one file in a few
// milliseconds, against about 0.25 s for the 150 modules and packages `newsmirror build` imports one by one.
import { build } from "esbuild";
import { existsSync, realpathSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Each entry becomes `<name>.js` in the output folder; module-worker.ts finds the workers there by name. */
export const BUNDLE_ENTRIES: Record<string, string> = {
  newsmirror: "src/cli/main.ts",
  site: "src/site/index.ts",
  "post-listing": "src/site/post-listing.ts",
  "render-worker": "src/site/render-worker.ts",
  "list-worker": "src/site/list-worker.ts",
  "story-worker": "src/site/story-worker.ts",
};

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * Bundles into `outdir`, which must sit two folders below the project (as `dist/bin/` does): the code finds
 * `theme/` at `../../theme/` from its own file. Packages are bundled too; the two the content stage loads on
 * first use through its own `require` (linkedom, sanitize-html) stay in `node_modules`.
 */
export async function bundle(outdir: string): Promise<void> {
  const target = resolve(ROOT, outdir);
  // The folder is emptied first, so it must be one of the project's bundle folders and nothing else.
  if (dirname(dirname(target)) !== resolve(ROOT)) throw new Error(`bundle: ${target} is not two folders below ${ROOT} (as dist/bin/ is)`);
  // Chunks are named by their hash: those of an earlier bundle would stay beside the new ones.
  rmSync(target, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: BUNDLE_ENTRIES,
    outdir: target,
    // For `node --enable-source-maps` and debuggers: stack traces then name the source files.
    sourcemap: true,
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

/** Whether this file is the script node was started with (through any symbolic link). */
function isEntryPoint(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const outdir = process.argv[2] ?? "dist/bin";
  await bundle(outdir);
  if (!existsSync(join(resolve(ROOT, outdir), "newsmirror.js"))) throw new Error(`bundle: no newsmirror.js in ${outdir}`);
}
