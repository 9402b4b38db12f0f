// A local HTTP server for the built site (`newsmirror serve`): files under the output folder, 127.0.0.1 only.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { extname } from "node:path";
import { resolveInside } from "./output-dir.js";

/** Content types of the files a build writes (and common assets a mirror adds). */
const CONTENT_TYPES: ReadonlyMap<string, string> = new Map([
  [".html", "text/html; charset=utf-8"],
  [".css", "text/css; charset=utf-8"],
  [".js", "text/javascript; charset=utf-8"],
  [".json", "application/json; charset=utf-8"],
  [".xml", "application/xml; charset=utf-8"],
  [".txt", "text/plain; charset=utf-8"],
  [".svg", "image/svg+xml"],
  [".png", "image/png"],
  [".jpg", "image/jpeg"],
  [".jpeg", "image/jpeg"],
  [".gif", "image/gif"],
  [".webp", "image/webp"],
  [".ico", "image/x-icon"],
  [".woff2", "font/woff2"],
]);

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The site file for a request path under `baseurl`, or null. "dir/" and "dir" serve "dir/index.html". */
async function fileFor(root: string, baseurl: string, requestPath: string): Promise<string | null> {
  let path: string;
  try {
    path = decodeURIComponent(requestPath.split("?")[0]!.split("#")[0]!);
  } catch {
    return null;
  }
  if (baseurl !== "") {
    if (path !== baseurl && !path.startsWith(`${baseurl}/`)) return null;
    path = path.slice(baseurl.length);
  }
  const relative = path.replace(/^\/+/, "");
  for (const candidate of [relative, `${relative}${relative === "" || relative.endsWith("/") ? "" : "/"}index.html`]) {
    if (candidate === "") continue;
    const full = resolveInside(root, candidate);
    if (full !== null && (await isFile(full))) return full;
  }
  return null;
}

/** An HTTP server for the site in `root`, as a static host would serve it under `baseurl` ("" or "/news"). */
export function createSiteServer(root: string, baseurl: string): Server {
  return createServer((request, response) => {
    void (async () => {
      if (request.method !== "GET" && request.method !== "HEAD") {
        response.writeHead(405, { allow: "GET, HEAD" }).end();
        return;
      }
      const url = request.url ?? "/";
      if (baseurl !== "" && (url === "/" || url === "")) {
        response.writeHead(302, { location: `${baseurl}/` }).end();
        return;
      }
      const file = await fileFor(root, baseurl, url);
      const status = file ? 200 : 404;
      const body = file ?? resolveInside(root, "404.html");
      const headers = { "content-type": CONTENT_TYPES.get(extname(body ?? "").toLowerCase()) ?? "application/octet-stream", "cache-control": "no-cache" };
      if (!body || !(await isFile(body))) {
        response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
        return;
      }
      response.writeHead(status, headers);
      if (request.method === "HEAD") {
        response.end();
        return;
      }
      createReadStream(body).on("error", () => response.destroy()).pipe(response);
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  });
}
