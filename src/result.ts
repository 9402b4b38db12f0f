// Results and failures that every stage returns instead of throwing (STYLE rule 7).

/** An expected failure, as plain data. `code` starts with its stage: "fetch.timeout". */
export interface Failure {
  code: string;
  message: string;
  source?: string;
  url?: string;
  file?: string;
  line?: number;
  cause?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(failure: Failure): Result<T> {
  return { ok: false, failure };
}
