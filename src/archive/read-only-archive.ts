// The archive as `status` opens it: without the lock, showing state and ledger, never writing.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fail, type Result } from "../result.js";
import type { Archive } from "./archive.js";
import { GUID_FILE, LEDGER_FILE } from "./ledger.js";
import { normalizeLink } from "./link-key.js";
import type { ArchiveState, PostFileChanges, WriteOutcome } from "./types.js";

/** An archive opened without the lock (`status`): it shows the state and never writes. */
export class ReadOnlyArchive implements Archive {
  constructor(
    readonly dir: string,
    public state: ArchiveState,
    readonly warnings: string[],
  ) {}

  private links: Set<string> | null = null;
  readonly postFiles: PostFileChanges = { created: [], rewritten: [] };

  /** Reads the ledger on first use only, so `status` on a large mirror stays quick. */
  async isUnchanged(): Promise<boolean> {
    return false; // nothing is written through a read-only archive, so nothing needs skipping
  }

  isKnown(link: string, guid: string | null): boolean {
    this.links ??= readLedgerKeys(this.dir);
    if (this.links.has(normalizeLink(link))) return true;
    return guid !== null && (this.links.has(normalizeLink(guid)) || this.links.has(`guid ${guid.trim()}`));
  }

  async rewriteBody(): Promise<Result<boolean>> {
    return fail({ code: "archive.io", message: `${this.dir} was opened read-only (without the lock); nothing can be written` });
  }

  async write(): Promise<Result<WriteOutcome>> {
    return fail({ code: "archive.io", message: `${this.dir} was opened read-only (without the lock); nothing can be written` });
  }

  async saveState(): Promise<Result<void>> {
    return fail({ code: "archive.io", message: `${this.dir} was opened read-only (without the lock); the state is not saved` });
  }

  async close(): Promise<void> {}
}

/** Ledger and guid keys in one Set (guids prefixed `guid `), for the read-only archive. */
function readLedgerKeys(dir: string): Set<string> {
  const keys = new Set<string>();
  for (const [file, prefix] of [[LEDGER_FILE, ""], [GUID_FILE, "guid "]] as const) {
    let text = "";
    try {
      text = readFileSync(join(dir, file), "utf8");
    } catch {
      continue; // no ledger yet: nothing is known
    }
    for (const line of text.split("\n")) {
      const trimmed = line.trim();
      if (trimmed !== "") keys.add(prefix === "" ? normalizeLink(trimmed) : prefix + trimmed);
    }
  }
  return keys;
}
