// The feed stage: feed text to `Entry[]`, for every dialect, with the field fallbacks of golden/README.md.

/** One feed item, with the golden field fallbacks already applied. */
export interface Entry {
  /** Title as text (entities decoded), untrimmed; "" when the item has none. */
  title: string;
  /** Absolute URL: the item link, else its guid when that is a URL; null when neither. */
  link: string | null;
  /** The guid/id, else the link. */
  guid: string | null;
  /** Publication time; null when missing or unreadable. */
  published: Date | null;
  /** Item author, else dc:creator; null when neither. */
  author: string | null;
  /** First of content:encoded, media:group/media:description, the item's content, its description; "" when none. */
  html: string;
  categories: string[];
}
