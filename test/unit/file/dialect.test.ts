import { DELIMITER_CANDIDATES, describeDelimiter, sniffDelimiter } from '../../../src/file/dialect';

/** A small employee export written with the given delimiter. */
const exportWith = (d: string) =>
  [
    `Employee ID${d}First Name${d}Last Name${d}Country`,
    `E1${d}Zoë${d}Müller${d}NL`,
    `E2${d}Ana${d}Dubois${d}FR`,
  ]
    .map((line) => `${line}\r\n`)
    .join('');

describe('sniffDelimiter', () => {
  it.each(DELIMITER_CANDIDATES.map((d) => [describeDelimiter(d), d]))(
    'recognises %s as the delimiter of a file written with it',
    (_, delimiter) => {
      expect(sniffDelimiter(exportWith(delimiter))).toBe(delimiter);
    },
  );

  it('does not count delimiters inside quoted fields', () => {
    const sample =
      'Name;City;Tags\n"Smith, John";"Lyon, FR";"a, b, c"\n"Doe, Jane";"Paris, FR";"d, e, f"\n';
    expect(sniffDelimiter(sample)).toBe(';');
  });

  it('does not count delimiters inside quoted header names', () => {
    expect(sniffDelimiter('"Last, First"|"City, Country"\n"Doe, J"|"Lyon, FR"\n')).toBe('|');
  });

  it('keeps a quoted newline inside its line, so the lines still split alike', () => {
    const sample = 'id;note;x\n1;"first line\nsecond, third, fourth";a\n2;plain;b\n';
    expect(sniffDelimiter(sample)).toBe(';');
  });

  it('prefers the delimiter that splits every line alike over one that splits only the header more', () => {
    // The header has two commas but one semicolon; the rows have only semicolons.
    expect(sniffDelimiter('id,name,e-mail;country\n1;NL\n2;DE\n3;FR\n')).toBe(';');
  });

  it('ignores decimal commas in the rows of a semicolon file', () => {
    expect(sniffDelimiter('id;amount;rate\n1;3,50;0,2\n2;4,75;0,3\n')).toBe(';');
  });

  it('decides on a single line without a line break', () => {
    expect(sniffDelimiter('id;first name;last name')).toBe(';');
    expect(sniffDelimiter('id\tfirst name\tlast name')).toBe('\t');
  });

  it('decides on a single line ending in a line break', () => {
    expect(sniffDelimiter('id|first name|last name\r\n')).toBe('|');
  });

  it('does not let a last line cut off by the end of the sample vote', () => {
    // Complete lines split alike on , and on ; (a tie, so the comma); the cut-off "4;5" would
    // make the comma look inconsistent if it counted.
    expect(sniffDelimiter('a,b;c\n1,2;3\n1,2;3\n4;5')).toBe(',');
    expect(sniffDelimiter('a,b;c\n1,2;3\n1,2;3\n4;5\n')).toBe(';');
  });

  it('skips blank lines before and between the rows', () => {
    expect(sniffDelimiter('\n\nid;name\n\n1;a\n\n2;b\n')).toBe(';');
  });

  it('breaks a tie in the order , ; tab |', () => {
    expect(sniffDelimiter('a,b;c\n1,2;3\n')).toBe(',');
    expect(sniffDelimiter('a;b\tc\n1;2\t3\n')).toBe(';');
    expect(sniffDelimiter('a\tb|c\n1\t2|3\n')).toBe('\t');
  });

  it('falls back to a comma when no candidate occurs, or there is no text', () => {
    expect(sniffDelimiter('externalId\nE1\nE2\n')).toBe(',');
    expect(sniffDelimiter('')).toBe(',');
  });
});

describe('describeDelimiter', () => {
  it('names the tab, which cannot be shown, and shows the others as they are', () => {
    expect(describeDelimiter('\t')).toBe('tab');
    expect(describeDelimiter(';')).toBe(';');
  });
});
