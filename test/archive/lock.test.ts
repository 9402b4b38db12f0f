import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { acquireLock, isStale, STALE_AFTER_MS } from "../../src/archive/lock.js";
import { useTempDirs } from "./temp-mirror.js";

const tempDir = useTempDirs();
const NOW = new Date("2024-05-01T12:00:00.000Z");
const clock = () => NOW;
/** A pid that is not running: above Linux's pid_max default ceiling (4194304). */
const DEAD_PID = 4_194_303;

describe("acquireLock", () => {
  it("writes pid, host and time, and removes the lock on release", async () => {
    const path = join(tempDir(), "lock");
    const lock = await acquireLock(path, clock);
    expect(lock.ok).toBe(true);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ pid: process.pid, host: hostname(), since: NOW.toISOString() });
    if (lock.ok) await lock.value.release();
    expect(existsSync(path)).toBe(false);
  });

  it.each([
    ["a live process on this host holds it", { pid: process.pid, host: hostname(), since: NOW.toISOString() }, false],
    ["a process on another host holds it (its pid cannot be checked)", { pid: DEAD_PID, host: "other-host", since: NOW.toISOString() }, false],
    ["its pid is dead on this host (a killed run)", { pid: DEAD_PID, host: hostname(), since: NOW.toISOString() }, true],
    ["it is older than 6 hours, even on another host", { pid: process.pid, host: "other-host", since: new Date(NOW.getTime() - STALE_AFTER_MS - 1).toISOString() }, true],
  ])("when %s: taken = %s", async (_reason, owner, taken) => {
    const path = join(tempDir(), "lock");
    writeFileSync(path, JSON.stringify(owner));
    const lock = await acquireLock(path, clock);
    expect(lock.ok).toBe(taken);
    if (lock.ok) {
      expect(JSON.parse(readFileSync(path, "utf8")).pid).toBe(process.pid);
      await lock.value.release();
    } else {
      expect(lock.failure.code).toBe("archive.locked");
      expect(lock.failure.message).toContain(String(owner.pid));
      expect(lock.failure.message).toContain(owner.since);
      expect(JSON.parse(readFileSync(path, "utf8"))).toEqual(owner);
    }
  });

  it("takes over a lock file that is not JSON (never written by this program)", async () => {
    const path = join(tempDir(), "lock");
    writeFileSync(path, "");
    const lock = await acquireLock(path, clock);
    expect(lock.ok).toBe(true);
    if (lock.ok) await lock.value.release();
  });

  it("does not remove a lock another run took after this one's was judged stale", async () => {
    const path = join(tempDir(), "lock");
    const lock = await acquireLock(path, clock);
    if (!lock.ok) throw new Error("no lock");
    const other = JSON.stringify({ pid: process.pid, host: "other-host", since: NOW.toISOString() });
    writeFileSync(path, other);
    await lock.value.release();
    expect(readFileSync(path, "utf8")).toBe(other);
  });
});

describe("isStale", () => {
  it.each([
    ["no readable owner", null, true],
    ["an unreadable time", { pid: process.pid, host: hostname(), since: "yesterday" }, true],
    ["this very process", { pid: process.pid, host: hostname(), since: NOW.toISOString() }, false],
  ])("%s -> %s", (_reason, owner, stale) => {
    expect(isStale(owner, NOW)).toBe(stale);
  });
});
