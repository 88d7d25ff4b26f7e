/** A 32-bit hash of a string; any function will do for correctness, a good one for speed. */
export type StringHash = (text: string) => number;

/**
 * FNV-1a over the UTF-16 code units, then murmur3's finaliser: FNV alone leaves the low bits
 * (the ones a power-of-two table uses) poorly mixed for IDs that differ only in their last
 * digit, as employee numbers do.
 */
export const fnv1a: StringHash = (text) => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) | 0;
};

const INITIAL_IDS = 1024;
const TEXT_PIECE = 4096;

/**
 * Gives each distinct string a dense number (0, 1, 2, …) in the order first seen, without a
 * JavaScript object per string: the text of every string lives in one growing array of
 * UTF-16 code units, and an open-addressing table of those numbers finds it again. A million
 * eight-character IDs take about 40 MB, none of it on the garbage-collected heap, where a
 * Map<string, number> took twice that and made the heap grow with it.
 *
 * Two strings with the same hash are told apart by comparing their text, so equal hashes
 * never make two IDs one.
 */
export class IdTable {
  private chars = new Uint16Array(INITIAL_IDS * 8);
  private charCount = 0;
  /** Where each ID's text starts in `chars`; the next ID's start is where it ends. */
  private starts = new Int32Array(INITIAL_IDS + 1);
  private hashes = new Int32Array(INITIAL_IDS);
  /** ID + 1 per slot, 0 for an empty one; never more than half full. */
  private slots = new Int32Array(INITIAL_IDS * 2);
  private count = 0;

  constructor(private readonly hash: StringHash = fnv1a) {}

  /** How many distinct strings the table holds. */
  get size(): number {
    return this.count;
  }

  /** The number of this string, or -1 if it was never added. */
  find(text: string): number {
    const hash = this.hash(text);
    const slot = this.slotOf(text, hash);
    return this.slots[slot]! - 1;
  }

  /** The number of this string, added if it is new. */
  intern(text: string): number {
    const hash = this.hash(text);
    const slot = this.slotOf(text, hash);
    const existing = this.slots[slot]! - 1;
    if (existing !== -1) return existing;
    const id = this.count++;
    if (id === this.hashes.length) this.growIds();
    this.storeText(text);
    this.starts[id + 1] = this.charCount;
    this.hashes[id] = hash;
    this.slots[slot] = id + 1;
    if (this.count * 2 > this.slots.length) this.growSlots();
    return id;
  }

  /** The string with this number. */
  text(id: number): string {
    const end = this.starts[id + 1]!;
    let text = '';
    // In pieces: an argument list as long as a whole (absurdly long) ID could overflow the stack.
    for (let start = this.starts[id]!; start < end; start += TEXT_PIECE) {
      text += String.fromCharCode(...this.chars.subarray(start, Math.min(end, start + TEXT_PIECE)));
    }
    return text;
  }

  /** The slot that holds this string, or the empty slot where it would go. */
  private slotOf(text: string, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot]! - 1;
      if (id === -1 || (this.hashes[id] === hash && this.textEquals(id, text))) return slot;
    }
  }

  private textEquals(id: number, text: string): boolean {
    const start = this.starts[id]!;
    if (this.starts[id + 1]! - start !== text.length) return false;
    for (let i = 0; i < text.length; i++) {
      if (this.chars[start + i] !== text.charCodeAt(i)) return false;
    }
    return true;
  }

  private storeText(text: string): void {
    const needed = this.charCount + text.length;
    if (needed > this.chars.length) {
      const grown = new Uint16Array(Math.max(needed, this.chars.length * 2));
      grown.set(this.chars.subarray(0, this.charCount));
      this.chars = grown;
    }
    for (let i = 0; i < text.length; i++) this.chars[this.charCount + i] = text.charCodeAt(i);
    this.charCount = needed;
  }

  private growIds(): void {
    const capacity = this.hashes.length * 2;
    const starts = new Int32Array(capacity + 1);
    starts.set(this.starts);
    this.starts = starts;
    const hashes = new Int32Array(capacity);
    hashes.set(this.hashes);
    this.hashes = hashes;
  }

  /** Doubles the table, placing every ID again by its stored hash (no text is rehashed). */
  private growSlots(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = this.hashes[id]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }
}
