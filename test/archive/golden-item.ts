// The one item of the golden feed as a PostInput, read straight from the fixture (the feed stage is not involved).
import { readFileSync } from "node:fs";
import type { PostInput } from "../../src/archive/index.js";
import { sharedPath } from "../support/paths.js";

export const GOLDEN_SITE = "(臺)中央社CNA";
export const GOLDEN_FILE_NAME = "2023-12-07-王毅會緬甸外長談電信詐騙 一同表態堅決打擊.md";

export function goldenExpected(): string {
  return readFileSync(sharedPath("golden/cna-2023-12-07.expected.md"), "utf8");
}

/** The golden item with `clean: false`: HTML exactly as in the feed's CDATA, author the site name. */
export function goldenInput(runTime = new Date("2024-01-01T00:00:00Z")): PostInput {
  const xml = readFileSync(sharedPath("golden/cna-2023-12-07.feed.xml"), "utf8");
  const field = (name: string): string => {
    const match = new RegExp(`<${name}[^>]*>([\\s\\S]*?)</${name}>`).exec(xml.slice(xml.indexOf("<item>")));
    if (match === null) throw new Error(`golden feed has no <${name}>`);
    return match[1] as string;
  };
  const description = field("description");
  return {
    title: field("title"),
    link: field("link"),
    guid: field("guid"),
    author: GOLDEN_SITE,
    site: GOLDEN_SITE,
    published: new Date(field("pubDate")),
    html: description.replace(/^<!\[CDATA\[/, "").replace(/\]\]>$/, ""),
    runTime,
  };
}
