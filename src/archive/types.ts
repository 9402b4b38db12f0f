// The archive stage's data types: what a post is made from, what is read back, and the mirror's state.

/** What the archive needs to write one post (the content stage's article plus the run's context). */
export interface PostInput {
  /** Raw entry title (control characters not yet removed). */
  title: string;
  /** Absolute URL: the entry link, else its guid. */
  link: string;
  guid: string | null;
  /** Already resolved: source override, else item author, else site. */
  author: string;
  /** Source display name. */
  site: string;
  /** The feed's own time; null when missing or invalid. */
  published: Date | null;
  /** Article HTML as the content stage hands it. */
  html: string;
  /** The run's time (clamping, NaN replacement). */
  runTime: Date;
  /** Default true (the golden `comments: True` line). */
  comments?: boolean;
}

/** A post as read back from `_posts/` (and as `formatPost` writes it). */
export interface Post {
  fileName: string;
  title: string;
  date: Date;
  author: string;
  from: string;
  site: string;
  tags: string[];
  categories: string[];
  comments: boolean;
  /** The feed's time in epoch ms from the `<!--...-->` line; null for `<!--NaN-->` or when the line is absent. */
  epoch: number | null;
  linkTitle: string;
  html: string;
  layout: string;
}

/** Per-source record that `newsmirror status` shows. */
export interface SourceState {
  site: string;
  validators: { etag: string | null; lastModified: string | null };
  lastAttempt: string | null;
  lastSuccess: string | null;
  lastError: { code: string; message: string; at: string } | null;
  consecutiveFailures: number;
  itemsLastTime: number;
  newLastTime: number;
  nextRetry: string | null;
  permanentRedirect: string | null;
  [extra: string]: unknown;
}

export interface ArchiveState {
  sources: Record<string /* feed url */, SourceState>;
}

/**
 * The post files under `_posts/` an open archive created or rewrote since it was opened (staged posts of a
 * killed run are placed before that), as soon as each is in place (a rewrite that failed too: its file may have
 * been replaced). A build that began listing the folder when the archive opened learns from these what it could
 * not have seen.
 */
export interface PostFileChanges {
  created: string[];
  rewritten: string[];
}

export interface WriteOutcome {
  kind: "written" | "seen" | "revised";
  fileName: string | null;
}
