// Tests src/site/module-worker.ts: workers start whatever options the parent process was started with.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { workerExecArgv } from "../../src/site/module-worker.js";
import { sharedPath } from "../support/paths.js";

describe("workerExecArgv", () => {
  it.each([
    [["--input-type=module", "-e", "code", "--enable-source-maps"], ["--enable-source-maps"]],
    [["--input-type", "module", "--eval", "code", "--import", "tsx"], ["--import", "tsx"]],
    [["--print=1", "--no-warnings"], ["--no-warnings"]],
    [["-p", "1"], []],
    [[], []],
  ])("keeps of %j what a worker can take: %j", (given, kept) => {
    expect(workerExecArgv(given)).toEqual(kept);
  });
});

/** The modules a listing worker needs, compiled to JavaScript as `npm run build` lays them out (from source,
 * workers start from an eval'd bootstrap, which --input-type does not stop). */
function builtListing(): string {
  const dir = mkdtempSync(join(tmpdir(), "newsmirror-worker-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  for (const name of ["module-worker", "list-worker", "post-files"]) {
    const source = readFileSync(new URL(`../../src/site/${name}.ts`, import.meta.url), "utf8");
    const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    writeFileSync(join(dir, `${name}.js`), outputText);
  }
  return dir;
}

describe("moduleWorker", () => {
  const built = builtListing();
  afterAll(() => rmSync(built, { recursive: true, force: true }));

  it("starts a worker in a process run as `node --input-type=module -e` (a worker given --input-type fails)", () => {
    const program = [
      "const [url, dir] = process.argv.slice(1);",
      "const { workerReply } = await import(url);",
      "const reply = await workerReply('list-worker', dir, 64);",
      "console.log(reply === null ? 'no worker' : `${reply.names.length} files`);",
    ].join("\n");
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", program, join(built, "module-worker.js"), sharedPath("corpus/posts")], { encoding: "utf8" });
    expect(output.trim()).toMatch(/^\d{4,} files$/);
  });
});
