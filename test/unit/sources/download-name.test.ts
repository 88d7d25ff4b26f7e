import { downloadFileName } from '../../../src/sources/download-name';

describe('downloadFileName', () => {
  const url = 'https://files.example.com/exports/employees.csv?token=abc';

  it('takes the quoted filename of Content-Disposition', () => {
    expect(downloadFileName('attachment; filename="hr export.csv"', url)).toBe('hr export.csv');
  });

  it('prefers the RFC 6266 filename* form, decoding UTF-8', () => {
    const header = `attachment; filename="fallback.csv"; filename*=UTF-8''Mitarbeiter_%C3%BCbersicht.csv`;
    expect(downloadFileName(header, url)).toBe('Mitarbeiter_übersicht.csv');
  });

  it('takes an unquoted filename', () => {
    expect(downloadFileName('attachment; filename=plain.csv; size=10', url)).toBe('plain.csv');
  });

  it('falls back to the last segment of the URL path, without the query', () => {
    expect(downloadFileName(undefined, url)).toBe('employees.csv');
    expect(downloadFileName('inline', 'https://h.example/a/b%20c.csv')).toBe('b c.csv');
  });

  it('falls back to download.csv when the URL path ends in a slash', () => {
    expect(downloadFileName(undefined, 'https://h.example/exports/')).toBe('download.csv');
  });

  it('keeps only the last segment of a name that points into folders', () => {
    expect(downloadFileName('attachment; filename="../../etc/passwd"', url)).toBe('passwd');
    expect(downloadFileName('attachment; filename="..\\\\x\\\\e.csv"', url)).toBe('e.csv');
  });
});
