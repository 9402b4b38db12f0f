// Tests src/site/module-worker.ts: workers start whatever options the parent process was started with.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { sharedPath } from "../support/paths.js";

/** The modules a listing worker needs, compiled to JavaScript as `npm run build` lays them out (from source,
 * workers start from an eval'd bootstrap, which --input-type does not stop). */
function builtListing(): string {
  const dir = mkdtempSync(join(tmpdir(), "newsmirror-worker-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  for (const name of ["module-worker", "list-worker", "post-files", "post-listing", "listing-delta", "manifest"]) {
    const source = readFileSync(new URL(`../../src/site/${name}.ts`, import.meta.url), "utf8");
    const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    writeFileSync(join(dir, `${name}.js`), outputText);
  }
  return dir;
}

describe("moduleWorker", () => {
  const built = builtListing();
  afterAll(() => rmSync(built, { recursive: true, force: true }));

  it.each([
    ["run as `node --input-type=module -e` (a worker started from its file fails then)", ["--input-type=module"]],
    ["started with a V8 option (a worker given an explicit execArgv refuses it)", ["--max-old-space-size=2048", "--input-type=module"]],
  ])("starts a worker in a process %s", (_name, options) => {
    const program = [
      "const [url, dir] = process.argv.slice(1);",
      "const { moduleWorker } = await import(url);",
      "const worker = moduleWorker('list-worker', { postsDir: dir, manifestDir: '/nonexistent' }, 64);",
      "worker.on('message', (m) => { if (m && 'check' in m) worker.postMessage('files'); else if (m && 'names' in m) { console.log(`${m.names.length} files`); void worker.terminate(); } });",
      "worker.on('error', () => console.log('no worker'));",
    ].join("\n");
    const output = execFileSync(process.execPath, [...options, "-e", program, join(built, "module-worker.js"), sharedPath("corpus/posts")], { encoding: "utf8" });
    expect(output.trim()).toMatch(/^\d{4,} files$/);
  });
});
