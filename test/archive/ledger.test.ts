import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Ledger } from "../../src/archive/ledger.js";
import { useTempDirs } from "./temp-mirror.js";

const tempDir = useTempDirs();

async function ledgerIn(dir: string): Promise<Ledger> {
  const ledger = await Ledger.open(dir);
  if (!ledger.ok) throw new Error(ledger.failure.message);
  return ledger.value;
}

describe("Ledger", () => {
  it.each([
    ["the same line", "https://a.example/1", true],
    ["the same link with a fragment and utm_source", "https://a.example/1?utm_source=x#c", true],
    ["a prefix of a ledger line (the original's substring bug)", "https://a.example/", false],
    ["a longer link that contains a ledger line", "https://a.example/10", false],
    ["a CRLF line of an old ledger", "https://a.example/crlf", true],
  ])("knows %s: %s", async (_reason, link, known) => {
    const dir = tempDir();
    writeFileSync(join(dir, "allurls.dat"), "https://a.example/1\r\nhttps://a.example/crlf\r\n");
    const ledger = await ledgerIn(dir);
    expect(ledger.isKnown(link, null)).toBe(known);
    await ledger.close();
  });

  it("writes hrefs as lines, guids that differ from the link to allguids.dat, each once", async () => {
    const dir = tempDir();
    const ledger = await ledgerIn(dir);
    ledger.record("https://a.example/1", "guid-1");
    ledger.record("https://a.example/1", "guid-1");
    ledger.record("https://a.example/2", "https://a.example/2");
    await ledger.flush();
    await ledger.close();
    expect(readFileSync(join(dir, "allurls.dat"), "utf8")).toBe("https://a.example/1\nhttps://a.example/2\n");
    expect(readFileSync(join(dir, "allguids.dat"), "utf8")).toBe("guid-1\n");
    const again = await ledgerIn(dir);
    expect(again.isKnown("https://other.example/", "guid-1")).toBe(true);
    expect(again.isKnown("https://other.example/", "guid-2")).toBe(false);
    await again.close();
  });

  it("knows an item whose guid is a link the original wrote (items without a link)", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "allurls.dat"), "https://a.example/by-guid\n");
    const ledger = await ledgerIn(dir);
    expect(ledger.isKnown("https://a.example/new-link", "https://a.example/by-guid")).toBe(true);
    await ledger.close();
  });

  it("holds new lines until flush, so a ledger line never reaches the disk before its post", async () => {
    const dir = tempDir();
    const ledger = await ledgerIn(dir);
    ledger.record("https://a.example/1", null);
    expect(ledger.isKnown("https://a.example/1", null)).toBe(true);
    expect(readFileSync(join(dir, "allurls.dat"), "utf8")).toBe("");
    expect((await ledger.flush()).ok).toBe(true);
    expect(readFileSync(join(dir, "allurls.dat"), "utf8")).toBe("https://a.example/1\n");
    await ledger.close();
  });

  it("recordLinks records only unknown links", async () => {
    const dir = tempDir();
    const ledger = await ledgerIn(dir);
    ledger.record("https://a.example/1", null);
    const added = ledger.recordLinks(["https://a.example/1", "https://a.example/2", "https://a.example/2#x"]);
    await ledger.flush();
    await ledger.close();
    expect(added).toBe(1);
    expect(readFileSync(join(dir, "allurls.dat"), "utf8")).toBe("https://a.example/1\nhttps://a.example/2\n");
  });
});
