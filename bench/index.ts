// `npm run bench [-- NAME...]`: every benchmark, or the named ones. Never part of `npm test`.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Runs per measurement (the median is reported); BENCH_RUNS=1 for a quick look. */
const RUNS = Number(process.env["BENCH_RUNS"] ?? 3);

const BENCHES: Record<string, () => Promise<void>> = {
  ingest: async () => (await import("./ingest.js")).benchIngest(RUNS),
  content: async () => (await import("./content.js")).benchContent(),
  search: async () => (await import("./search.js")).benchSearch(),
  // site.ts reads its own arguments (post counts) and runs its builds in child processes.
  site: async () => {
    execFileSync(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./site.ts", import.meta.url))], { stdio: "inherit" });
  },
};

const wanted = process.argv.slice(2);
for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHES)) {
  const bench = BENCHES[name];
  if (bench === undefined) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(BENCHES).join(", ")}`);
    process.exitCode = 2;
    continue;
  }
  await bench();
}
