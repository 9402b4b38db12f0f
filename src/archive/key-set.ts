// A set of ledger keys held as 96-bit hashes in flat typed arrays: a million links in about 24 MB instead of the
// 120 MB or more that a Set of strings takes (plus the file chunks its sliced strings keep alive).
//
// Why a hash is safe here: a link is wrongly taken as known only if its 96-bit hash equals one of the n stored
// ones. With n = 10^6 that chance is n / 2^96, about 10^-23 per new item, far below the odds of a disk error.

const EMPTY = 0;
const INITIAL_CAPACITY = 1 << 12;

/** Three independent 32-bit hashes of a string's UTF-16 units (FNV-1a and two murmur3-mixed variants). */
function hash96(text: string, out: Uint32Array): void {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  let c = 0x85ebca6b;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0xcc9e2d51);
    b = (b << 15) | (b >>> 17);
    c = Math.imul(c + unit, 0x1b873593);
    c = (c << 13) | (c >>> 19);
  }
  out[0] = fmix(a ^ text.length) || 1; // never 0: 0 marks an empty slot
  out[1] = fmix(b ^ text.length);
  out[2] = fmix(c ^ text.length);
}

function fmix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class KeySet {
  private slots = new Uint32Array(INITIAL_CAPACITY * 3);
  private capacity = INITIAL_CAPACITY;
  private count = 0;
  private readonly scratch = new Uint32Array(3);

  get size(): number {
    return this.count;
  }

  has(key: string): boolean {
    hash96(key, this.scratch);
    return this.find(this.scratch) >= 0;
  }

  /** Adds the key; false when it was there already. */
  add(key: string): boolean {
    hash96(key, this.scratch);
    if (this.find(this.scratch) >= 0) return false;
    if ((this.count + 1) * 2 > this.capacity) this.grow();
    this.insert(this.scratch);
    this.count += 1;
    return true;
  }

  /** Linear probing from the first hash: the slot index of the key, or -1. */
  private find(hash: Uint32Array): number {
    const mask = this.capacity - 1;
    for (let slot = (hash[0] as number) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 3;
      const first = this.slots[at] as number;
      if (first === EMPTY) return -1;
      if (first === hash[0] && this.slots[at + 1] === hash[1] && this.slots[at + 2] === hash[2]) return slot;
    }
  }

  private insert(hash: Uint32Array): void {
    const mask = this.capacity - 1;
    let slot = (hash[0] as number) & mask;
    while (this.slots[slot * 3] !== EMPTY) slot = (slot + 1) & mask;
    this.slots.set(hash, slot * 3);
  }

  private grow(): void {
    const old = this.slots;
    this.capacity *= 2;
    this.slots = new Uint32Array(this.capacity * 3);
    for (let at = 0; at < old.length; at += 3) {
      if (old[at] !== EMPTY) this.insert(old.subarray(at, at + 3));
    }
  }
}
