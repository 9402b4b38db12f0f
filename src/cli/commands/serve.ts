// `newsmirror serve`: builds the site, serves it on 127.0.0.1 and rebuilds when the mirror changes.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { buildSite, createSiteServer, loadSiteConfig, normalizeBaseUrl, watchMirror } from "../../site/index.js";
import { EXIT, type Command } from "../io.js";
import { describeFailure } from "../messages.js";
import { buildFlags, reportBuild } from "./build.js";

const usage = `usage: newsmirror serve [--dir DIR] [--port N] [--out DIR] [--base-url PATH]
Builds the site, serves it at http://127.0.0.1:N/ (default port 4000; 0 picks a free one) and
rebuilds when posts, _config.yml, _layouts/, _includes/ or assets/ change. Stop it with Ctrl-C.`;

const DEFAULT_PORT = 4000;

const command: Command = {
  summary: "serve the site on 127.0.0.1 and rebuild on change",
  usage,
  run: async (args, io) => {
    const flags = buildFlags(args, io, ["port"]);
    if ("error" in flags) {
      io.stderr(`${usage}\nnewsmirror serve: ${flags.error}\n`);
      return EXIT.usage;
    }
    const portText = flags.rest.get("port");
    const port = portText === undefined ? DEFAULT_PORT : Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      io.stderr(`${usage}\nnewsmirror serve: --port must be a number from 0 to 65535\n`);
      return EXIT.usage;
    }
    const out = resolve(flags.dir, flags.out ?? "_site");
    const options = { dir: flags.dir, out: flags.out, baseUrl: flags.baseUrl };
    const first = await buildSite({ ...options, full: flags.full });
    if (!first.ok) {
      io.stderr(`newsmirror: ${describeFailure(first.failure)}\n`);
      return EXIT.failed;
    }
    reportBuild(io, first.value, out);
    const config = await loadSiteConfig(flags.dir);
    const baseurl = flags.baseUrl !== undefined ? normalizeBaseUrl(flags.baseUrl) : config.ok ? config.value.baseurl : "";
    const server = createSiteServer(out, baseurl);
    server.listen(port, "127.0.0.1");
    try {
      await once(server, "listening");
    } catch (error) {
      io.stderr(`newsmirror serve: cannot listen on 127.0.0.1:${port}: ${(error as Error).message}; try another --port\n`);
      return EXIT.failed;
    }
    const address = server.address() as AddressInfo;
    io.stdout(`serving http://127.0.0.1:${address.port}${baseurl}/ (Ctrl-C to stop)\n`);
    // Builds run one at a time; a change during a build queues exactly one more.
    let building: Promise<void> | null = null;
    let again = false;
    const rebuild = (): void => {
      if (building) {
        again = true;
        return;
      }
      building = (async () => {
        do {
          again = false;
          const built = await buildSite(options);
          if (built.ok) reportBuild(io, built.value, out);
          else io.stderr(`newsmirror: ${describeFailure(built.failure)}\n`);
        } while (again);
        building = null;
      })();
    };
    const stopWatching = watchMirror(flags.dir, rebuild);
    // Runs until Ctrl-C (main aborts io.signal); without a signal, until the process is killed.
    if (!io.signal) await new Promise<never>(() => {});
    else if (!io.signal.aborted) await once(io.signal, "abort");
    stopWatching();
    server.close();
    server.closeAllConnections();
    if (building) await building;
    return EXIT.ok;
  },
};

export default command;
