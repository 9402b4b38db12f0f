// Where the shared fixtures are: `shared/` sits beside the repository, here and in CI.
import { fileURLToPath } from "node:url";

const SHARED_ROOT = fileURLToPath(new URL("../../../shared/", import.meta.url));

/** Absolute path of a file or folder under the shared fixtures, e.g. sharedPath("golden/README.md"). */
export function sharedPath(relative = ""): string {
  return SHARED_ROOT + relative;
}
