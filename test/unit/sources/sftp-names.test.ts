import { fileNameMatcher, newest } from '../../../src/sources/sftp/file-pattern';
import { folderChain, timestampedName } from '../../../src/sources/sftp/remote-path';

describe('fileNameMatcher', () => {
  const matches = fileNameMatcher('employees_*.csv');

  it('matches the * part with any text, including none', () => {
    expect(matches('employees_2024-05-01.csv')).toBe(true);
    expect(matches('employees_.csv')).toBe(true);
  });

  it('ignores case', () => {
    expect(matches('EMPLOYEES_1.CSV')).toBe(true);
  });

  it('takes other characters literally, dots included', () => {
    expect(matches('employees_1xcsv')).toBe(false);
    expect(matches('employees_1.csv.bak')).toBe(false);
    expect(fileNameMatcher('hr(1)+[a].csv')('hr(1)+[a].csv')).toBe(true);
  });

  it('matches one character with ?', () => {
    expect(fileNameMatcher('e?.csv')('e1.csv')).toBe(true);
    expect(fileNameMatcher('e?.csv')('e12.csv')).toBe(false);
  });

  it('skips hidden files (partial uploads) unless the pattern starts with a dot', () => {
    expect(fileNameMatcher('*.csv')('.employees.csv')).toBe(false);
    expect(fileNameMatcher('.*.csv')('.employees.csv')).toBe(true);
  });
});

describe('newest', () => {
  it('picks the latest modification time', () => {
    const picked = newest([
      { fileName: 'b', mtime: 10 },
      { fileName: 'a', mtime: 30 },
      { fileName: 'c', mtime: 20 },
    ]);
    expect(picked?.fileName).toBe('a');
  });

  it('breaks a tie by the last name, so dated names decide', () => {
    const picked = newest([
      { fileName: 'e_2024-05-02.csv', mtime: 10 },
      { fileName: 'e_2024-05-03.csv', mtime: 10 },
      { fileName: 'e_2024-05-01.csv', mtime: 10 },
    ]);
    expect(picked?.fileName).toBe('e_2024-05-03.csv');
  });

  it('gives undefined for no candidates', () => {
    expect(newest([])).toBeUndefined();
  });
});

describe('timestampedName', () => {
  const at = new Date('2024-05-01T10:15:00.123Z');

  it('puts a UTC timestamp before the extension', () => {
    expect(timestampedName('employees.csv', at)).toBe('employees_20240501T101500Z.csv');
  });

  it('counts further clashes in the same second', () => {
    expect(timestampedName('employees.csv', at, 2)).toBe('employees_20240501T101500Z-2.csv');
  });

  it('appends to a name without an extension, and to a dotfile', () => {
    expect(timestampedName('export', at)).toBe('export_20240501T101500Z');
    expect(timestampedName('.hidden', at)).toBe('.hidden_20240501T101500Z');
  });
});

describe('folderChain', () => {
  it('lists each folder to create, shortest first', () => {
    expect(folderChain('done/2024/05')).toEqual(['done', 'done/2024', 'done/2024/05']);
    expect(folderChain('/srv/hr/done/')).toEqual(['/srv', '/srv/hr', '/srv/hr/done']);
    expect(folderChain('./done')).toEqual(['done']);
  });
});
