// `newsmirror status`: per source, when it last worked, what failed and how often in a row, and when it is tried next.
import { openArchive, type SourceState } from "../../archive/index.js";
import { loadMirrorConfig } from "../../sources/index.js";
import { parseKnownArgs, usageError } from "../args.js";
import { EXIT, type Command } from "../io.js";
import { describeFailure } from "../messages.js";
import { mirrorDirOf } from "../ingest-command.js";
import { staleRules } from "../../ingest/index.js";

const usage = `usage: newsmirror status [--dir DIR] [--json] [--check]
Shows, per source: last success, last error and how many in a row, items last time,
validators held and the next retry. Failing sources are listed first and flagged.
  --json    machine-readable output
  --check   exit 1 when any source is failing (for monitoring)`;

/** A source is flagged when it failed this many times in a row, or has not worked for this long. */
const FAILING_IN_A_ROW = 3;
const STALE_MS = 24 * 3_600_000;

export interface SourceStatus {
  site: string;
  url: string;
  enabled: boolean;
  failing: boolean;
  lastSuccess: string | null;
  lastAttempt: string | null;
  lastError: SourceState["lastError"];
  consecutiveFailures: number;
  itemsLastTime: number;
  newLastTime: number;
  validators: { etag: boolean; lastModified: boolean };
  nextRetry: string | null;
  permanentRedirect: string | null;
  /** Boilerplate rules that matched none of the new articles for many runs: the site's markup changed? */
  staleRules: Array<{ rule: string; runs: number }>;
}

const command: Command = {
  summary: "show each source's health",
  usage,
  run: async (args, io) => {
    const parsed = parseKnownArgs(args, ["dir"], ["json", "check"]);
    if ("error" in parsed) return usageError(io, usage, "status", parsed.error);
    if (parsed.positionals.length > 0) return usageError(io, usage, "status", `unexpected argument "${parsed.positionals[0]}"`);
    const dir = mirrorDirOf(args, io);
    const config = await loadMirrorConfig(dir);
    if (!config.ok) {
      io.stderr(`newsmirror: ${describeFailure(config.failure)}\n`);
      return EXIT.failed;
    }
    const archive = await openArchive(dir, { lock: false });
    if (!archive.ok) {
      io.stderr(`newsmirror: ${describeFailure(archive.failure)}\n`);
      return EXIT.failed;
    }
    const now = Date.now();
    const statuses = config.value.sources.map((source) => toStatus(source.site, source.url, source.enabled, archive.value.state.sources[source.url], now));
    await archive.value.close();
    statuses.sort((a, b) => Number(b.failing) - Number(a.failing));
    if (parsed.flags.has("json")) io.stdout(JSON.stringify({ sources: statuses }, null, 2) + "\n");
    else io.stdout(formatStatus(statuses, now));
    return parsed.flags.has("check") && statuses.some((s) => s.failing) ? EXIT.failed : EXIT.ok;
  },
};

function toStatus(site: string, url: string, enabled: boolean, state: SourceState | undefined, now: number): SourceStatus {
  const lastSuccess = state?.lastSuccess ?? null;
  const failures = state?.consecutiveFailures ?? 0;
  const neverWorked = state?.lastAttempt != null && lastSuccess === null;
  const stale = lastSuccess !== null && failures > 0 && now - Date.parse(lastSuccess) > STALE_MS;
  return {
    site,
    url,
    enabled,
    failing: enabled && (failures >= FAILING_IN_A_ROW || stale || neverWorked),
    lastSuccess,
    lastAttempt: state?.lastAttempt ?? null,
    lastError: state?.lastError ?? null,
    consecutiveFailures: failures,
    itemsLastTime: state?.itemsLastTime ?? 0,
    newLastTime: state?.newLastTime ?? 0,
    validators: { etag: Boolean(state?.validators.etag), lastModified: Boolean(state?.validators.lastModified) },
    nextRetry: state?.nextRetry ?? null,
    permanentRedirect: state?.permanentRedirect ?? null,
    staleRules: staleRules(state?.["ruleMisses"]),
  };
}

function ago(iso: string | null, now: number): string {
  if (iso === null) return "never";
  const minutes = Math.round((now - Date.parse(iso)) / 60_000);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

function formatStatus(statuses: SourceStatus[], now: number): string {
  const lines: string[] = [];
  const failing = statuses.filter((s) => s.failing);
  if (failing.length > 0) lines.push(`!! ${failing.length} source${failing.length === 1 ? " is" : "s are"} FAILING: ${failing.map((s) => s.site).join(", ")}`, "");
  for (const s of statuses) {
    const flag = s.failing ? "!! FAILING " : s.enabled ? "" : "(disabled) ";
    lines.push(`${flag}${s.site} <${s.url}>`);
    lines.push(`   last success: ${ago(s.lastSuccess, now)}; items last time: ${s.itemsLastTime} (${s.newLastTime} new)`);
    if (s.lastError !== null) {
      lines.push(`   last error (${s.consecutiveFailures} in a row, ${ago(s.lastError.at, now)}): ${describeFailure({ code: s.lastError.code, message: s.lastError.message })}`);
    }
    const validators = [s.validators.etag ? "ETag" : null, s.validators.lastModified ? "Last-Modified" : null].filter(Boolean).join(" + ") || "none";
    lines.push(`   validators held: ${validators}; next try: ${s.nextRetry === null ? "next run" : s.nextRetry}`);
    if (s.permanentRedirect !== null) lines.push(`   moved permanently to ${s.permanentRedirect}: update its url`);
    for (const stale of s.staleRules) lines.push(`   rule "${stale.rule}" matched nothing in the last ${stale.runs} runs with new articles: has the site changed its markup?`);
  }
  if (failing.length > 0) lines.push("", `!! ${failing.length} failing: see the errors above.`);
  return lines.join("\n") + "\n";
}

export default command;
