// Politeness limits: per host and global, in arrival order, slots freed on failure.
import { describe, expect, it } from "vitest";
import { createHostLimiter } from "../../src/fetch/host-limiter.js";

/** Runs tasks that hold their slot until released by hand, recording how many run at once per host and overall. */
function probe() {
  const active = new Map<string, number>();
  let total = 0;
  const peaks = { total: 0, byHost: new Map<string, number>() };
  const releases: Array<() => void> = [];
  const order: string[] = [];
  const task = (host: string, name: string) => async () => {
    order.push(name);
    total += 1;
    active.set(host, (active.get(host) ?? 0) + 1);
    peaks.total = Math.max(peaks.total, total);
    peaks.byHost.set(host, Math.max(peaks.byHost.get(host) ?? 0, active.get(host) ?? 0));
    await new Promise<void>((resolve) => releases.push(resolve));
    total -= 1;
    active.set(host, (active.get(host) ?? 1) - 1);
    return name;
  };
  /** Releases running tasks one by one until nothing has been waiting for a few turns of the event loop. */
  const drain = async () => {
    for (let idle = 0; idle < 3; ) {
      await new Promise((resolve) => setImmediate(resolve));
      const release = releases.shift();
      if (release) {
        release();
        idle = 0;
      } else {
        idle += 1;
      }
    }
  };
  return { task, peaks, order, drain };
}

describe("createHostLimiter", () => {
  it("holds one host to perHost requests at once", async () => {
    const limiter = createHostLimiter(2, 8);
    const { task, peaks, drain } = probe();
    const runs = Array.from({ length: 6 }, (_, index) => limiter.run("a.example", task("a.example", `a${index}`)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(peaks.byHost.get("a.example")).toBe(2);
    await drain();
    expect(await Promise.all(runs)).toEqual(["a0", "a1", "a2", "a3", "a4", "a5"]);
    expect(peaks.byHost.get("a.example")).toBe(2);
  });

  it("holds all hosts together to the global limit", async () => {
    const limiter = createHostLimiter(2, 3);
    const { task, peaks, drain } = probe();
    const hosts = ["a", "b", "c", "d", "e"];
    const runs = hosts.flatMap((host) => [limiter.run(host, task(host, `${host}1`)), limiter.run(host, task(host, `${host}2`))]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(peaks.total).toBe(3);
    await drain();
    await Promise.all(runs);
    expect(peaks.total).toBe(3);
    for (const host of hosts) expect(peaks.byHost.get(host)).toBeLessThanOrEqual(2);
  });

  it("serves waiters first come, first served", async () => {
    const limiter = createHostLimiter(1, 1);
    const { task, order, drain } = probe();
    const runs = ["x", "y", "z"].map((name) => limiter.run("h", task("h", name)));
    await drain();
    await Promise.all(runs);
    expect(order).toEqual(["x", "y", "z"]);
  });

  it("frees the slot when a task throws", async () => {
    const limiter = createHostLimiter(1, 1);
    await expect(limiter.run("h", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(limiter.run("h", async () => "next")).resolves.toBe("next");
  });

  it("a zero or fractional limit still lets one request through", async () => {
    const limiter = createHostLimiter(0, 0.5);
    await expect(limiter.run("h", async () => "ran")).resolves.toBe("ran");
  });
});
