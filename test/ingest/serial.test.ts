// Serialised archive calls.
import { describe, expect, it } from "vitest";
import { createSerial } from "../../src/ingest/serial.js";

describe("createSerial", () => {
  it("runs tasks one after the other in call order, even when one fails", async () => {
    const serial = createSerial();
    const log: string[] = [];
    const task = (name: string, ms: number, fails = false) => () =>
      new Promise<string>((resolve, reject) => {
        log.push(`start ${name}`);
        setTimeout(() => {
          log.push(`end ${name}`);
          if (fails) reject(new Error(name));
          else resolve(name);
        }, ms);
      });
    const results = await Promise.allSettled([serial(task("a", 20)), serial(task("b", 1, true)), serial(task("c", 1))]);
    expect(log).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });
});
