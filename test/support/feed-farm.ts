// Benchmark input: N RSS feeds of M items each, made from the real corpus posts, served on 127.0.0.1.
import { createServer, type Server } from "node:http";
import { readdirSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { sharedPath } from "./paths.js";

export interface FeedFarm {
  url: string;
  feedUrls: string[];
  items: number;
  close(): Promise<void>;
}

interface Body {
  title: string;
  html: string;
}

/** Title and body of the corpus posts, read once (the bodies give realistic sizes: median about 3 KB). */
function corpusBodies(limit: number): Body[] {
  const dir = sharedPath("corpus/posts/");
  const bodies: Body[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (bodies.length >= limit) break;
    const text = readFileSync(dir + name, "utf8");
    const title = /^title: "(.*)"$/m.exec(text)?.[1] ?? name;
    const html = /<div>\n([\s\S]*)\n<\/div>\n?$/.exec(text)?.[1] ?? "";
    if (html.length > 0) bodies.push({ title: title.replace(/\\"/g, '"'), html });
  }
  return bodies;
}

const escapeXml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export interface FarmOptions {
  /** The newest item's time (epoch ms); the others are a minute apart before it. Default 2026-01-01. */
  epoch?: number;
}

function renderFeed(base: string, feed: number, perFeed: number, bodies: Body[], epoch: number): string {
  const items: string[] = [];
  for (let i = 0; i < perFeed; i++) {
    const body = bodies[(feed * perFeed + i) % bodies.length] as Body;
    const date = new Date(epoch - (feed * perFeed + i) * 60_000).toUTCString();
    const link = `${base}/news/${feed}/${i}.html`;
    items.push(`<item><title>${escapeXml(`${body.title} ${feed}-${i}`)}</title><link>${link}</link><guid>${link}</guid><pubDate>${date}</pubDate><description><![CDATA[${body.html.replace(/]]>/g, "]]&gt;")}]]></description></item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>feed ${feed}</title><link>${base}/</link><description>bench</description>\n${items.join("\n")}\n</channel></rss>\n`;
}

export async function startFeedFarm(feeds: number, perFeed: number, options: FarmOptions = {}): Promise<FeedFarm> {
  const bodies = corpusBodies(2_000);
  const epoch = options.epoch ?? Date.UTC(2026, 0, 1);
  const rendered = new Map<string, { body: Buffer; etag: string }>();
  const server: Server = createServer((req, res) => {
    const page = rendered.get(req.url ?? "");
    if (page === undefined) {
      res.writeHead(404).end();
      return;
    }
    if (req.headers["if-none-match"] === page.etag) {
      res.writeHead(304, { etag: page.etag }).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", etag: page.etag, "content-length": page.body.length }).end(page.body);
  });
  // Clients that block their event loop for long (the original script's synchronous writes) must not find their
  // kept-alive socket closed under them: keep idle connections for ten minutes.
  server.keepAliveTimeout = 600_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no address");
  const base = `http://127.0.0.1:${address.port}`;
  const feedUrls: string[] = [];
  for (let f = 0; f < feeds; f++) {
    const body = Buffer.from(renderFeed(base, f, perFeed, bodies, epoch));
    rendered.set(`/feed/${f}.xml`, { body, etag: `"${createHash("sha1").update(body).digest("hex")}"` });
    feedUrls.push(`${base}/feed/${f}.xml`);
  }
  return {
    url: base,
    feedUrls,
    items: feeds * perFeed,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
