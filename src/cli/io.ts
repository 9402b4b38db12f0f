// What a command may touch of the outside world, handed in so tests can capture it.

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stdout is a terminal (progress display); false in CI and tests. */
  isTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Aborted on SIGINT/SIGTERM so a long command can stop cleanly. */
  signal?: AbortSignal;
}

/** A command module's default export. */
export interface Command {
  summary: string;
  usage: string;
  run: (args: string[], io: Io) => Promise<number>;
}

/** Exit codes, listed in the README. */
export const EXIT = {
  ok: 0,
  /** The run completed but nothing could be read, or --strict and something failed. */
  failed: 1,
  usage: 2,
  /** Another run holds the mirror's lock. */
  locked: 3,
  /** A bug: an exception reached the top level. */
  bug: 70,
} as const;
