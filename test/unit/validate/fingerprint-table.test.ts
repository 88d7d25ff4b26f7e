import { FingerprintTable } from '../../../src/validate/fingerprint-table';

describe('FingerprintTable: dense numbers for strings, by a 64-bit fingerprint', () => {
  it('numbers strings 0, 1, 2 in the order first seen, and gives a string its number again', () => {
    const table = new FingerprintTable();
    expect(['a@x.nl', 'b@x.nl', 'a@x.nl', 'c@x.nl'].map((text) => table.intern(text))).toEqual([
      0, 1, 0, 2,
    ]);
    expect(table.size).toBe(3);
  });

  it('keeps 200,000 distinct e-mails apart while it grows, and finds each again', () => {
    const table = new FingerprintTable();
    const emails = Array.from(
      { length: 200_000 },
      (_, i) => `first${i}.last${i % 977}@example.com`,
    );
    const wrong = emails.filter((email, i) => table.intern(email) !== i);
    expect(wrong).toEqual([]);
    expect(table.size).toBe(200_000);
    for (const i of [0, 1, 99_999, 199_999]) expect(table.intern(emails[i]!)).toBe(i);
  });

  it('tells strings apart by the second hash when the first is the same for all', () => {
    const table = new FingerprintTable(() => 7);
    const numbers = ['ann@x.nl', 'bob@x.nl', 'cas@x.nl', 'ann@x.nl'].map((t) => table.intern(t));
    expect(numbers).toEqual([0, 1, 2, 0]);
  });
});
