import { IdTable, fnv1a } from '../../../src/validate/id-table';

/** Every string in one bucket: each lookup must tell them apart by their text alone. */
const oneBucket = () => 7;

describe('IdTable', () => {
  it('numbers strings densely in the order they are first seen', () => {
    const table = new IdTable();
    expect(['E1', 'E2', 'E1', 'E3', 'E2'].map((id) => table.intern(id))).toEqual([0, 1, 0, 2, 1]);
    expect(table.size).toBe(3);
  });

  it('finds only what was added', () => {
    const table = new IdTable();
    table.intern('E1');
    expect(table.find('E1')).toBe(0);
    expect(table.find('E2')).toBe(-1);
    expect(table.find('e1')).toBe(-1);
    expect(table.size).toBe(1);
  });

  it('gives back each string exactly, whatever its characters', () => {
    const table = new IdTable();
    const texts = [
      '',
      'E0000001',
      'Zoë',
      '名前',
      '😀',
      '\ud800 lone surrogate',
      'x'.repeat(10_000),
    ];
    const ids = texts.map((text) => table.intern(text));
    expect(ids.map((id) => table.text(id))).toEqual(texts);
    expect(texts.map((text) => table.find(text))).toEqual(ids);
  });

  it('tells strings with equal hashes apart by their text', () => {
    const table = new IdTable(oneBucket);
    const texts = ['E1', 'E10', 'E1 ', '1E', 'E2', ''];
    const ids = texts.map((text) => table.intern(text));
    expect(ids).toEqual([0, 1, 2, 3, 4, 5]);
    expect(texts.map((text) => table.find(text))).toEqual(ids);
    expect(table.find('E3')).toBe(-1);
    expect(table.intern('E10')).toBe(1);
  });

  it('keeps every string findable as it grows far past its first capacity', () => {
    // Few buckets (by length) and many strings: collisions and growth together.
    const table = new IdTable((text) => text.length);
    const texts = Array.from({ length: 5_000 }, (_, i) => `ID-${i}`);
    texts.forEach((text, i) => expect(table.intern(text)).toBe(i));
    expect(texts.every((text, i) => table.find(text) === i && table.text(i) === text)).toBe(true);
    expect(table.size).toBe(5_000);
  });

  it('grows its text storage for long strings', () => {
    const table = new IdTable();
    const long = Array.from({ length: 50 }, (_, i) => `${i}`.repeat(1_000));
    long.forEach((text) => table.intern(text));
    expect(long.map((text) => table.text(table.find(text)))).toEqual(long);
  });
});

describe('fnv1a', () => {
  it('is a deterministic 32-bit integer hash', () => {
    expect(fnv1a('E0000001')).toBe(fnv1a('E0000001'));
    expect(Number.isInteger(fnv1a('E0000001'))).toBe(true);
    expect(fnv1a('E0000001') | 0).toBe(fnv1a('E0000001'));
  });

  it('spreads IDs that differ only in their last digit over the low bits', () => {
    const buckets = new Set(
      Array.from({ length: 1_000 }, (_, i) => fnv1a(`E${String(i).padStart(7, '0')}`) & 1023),
    );
    expect(buckets.size).toBeGreaterThan(500);
  });
});
