import { fnv1a, type StringHash } from './id-table';

const INITIAL_SLOTS = 2048;

/** A second 32-bit hash, independent of FNV-1a: murmur-style mixing with its own seed. */
const murmurish: StringHash = (text) => {
  let hash = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x5bd1e995);
    hash ^= hash >>> 15;
  }
  hash = Math.imul(hash ^ (hash >>> 13), 0x5bd1e995);
  return (hash ^ (hash >>> 15)) | 0;
};

/**
 * Gives each distinct string a dense number, as IdTable does, but keeps only a 64-bit
 * fingerprint of it (two independent 32-bit hashes), not its text: about 24 bytes per
 * string at most, where IdTable keeps the text as UTF-16 (60 bytes for a 30-character
 * e-mail address, twice that while its array grows). Made for the e-mail addresses of a
 * million rows. Two strings with one fingerprint get one number: for a million distinct
 * strings the chance that any two do is about 3 in 100 million, and the caller must treat
 * a shared number as a finding people check (a duplicate e-mail rejects both rows with
 * both lines named), never as a reason to drop or merge anything.
 */
export class FingerprintTable {
  /** Number + 1 per slot, 0 for an empty one; never more than half full. */
  private slots = new Int32Array(INITIAL_SLOTS);
  private first = new Int32Array(INITIAL_SLOTS);
  private second = new Int32Array(INITIAL_SLOTS);
  private count = 0;

  /** @param hash the first of the two hashes, replaceable so tests can force collisions. */
  constructor(private readonly hash: StringHash = fnv1a) {}

  get size(): number {
    return this.count;
  }

  /** The number of this string, added if it is new. */
  intern(text: string): number {
    const a = this.hash(text);
    const b = murmurish(text);
    const mask = this.slots.length - 1;
    let slot = (a ^ Math.imul(b, 0x27d4eb2d)) & mask;
    for (;;) {
      const held = this.slots[slot]!;
      if (held === 0) break;
      if (this.first[slot] === a && this.second[slot] === b) return held - 1;
      slot = (slot + 1) & mask;
    }
    const number = this.count++;
    this.slots[slot] = number + 1;
    this.first[slot] = a;
    this.second[slot] = b;
    if (this.count * 2 > this.slots.length) this.grow();
    return number;
  }

  private grow(): void {
    const { slots, first, second } = this;
    const size = slots.length * 2;
    this.slots = new Int32Array(size);
    this.first = new Int32Array(size);
    this.second = new Int32Array(size);
    const mask = size - 1;
    for (let old = 0; old < slots.length; old++) {
      const held = slots[old]!;
      if (held === 0) continue;
      const a = first[old]!;
      const b = second[old]!;
      let slot = (a ^ Math.imul(b, 0x27d4eb2d)) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = held;
      this.first[slot] = a;
      this.second[slot] = b;
    }
  }
}
