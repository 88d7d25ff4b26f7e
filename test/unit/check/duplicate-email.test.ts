import { checkCsv } from '../../../src/check/check-rows';
import { parseMappingConfig } from '../../../src/mapping/mapping-config';
import { CrossRowIndex } from '../../../src/validate/cross-row-index';
import { IssueList } from '../../../src/validate/row-issue';
import { codesOf, csvLines, csvStream, runCheck } from '../helpers/check-harness';

const HEADER = 'externalId,firstName,lastName,email,country,language';

/**
 * Two employees with one e-mail: a platform that matches on e-mail (Springest's POST does
 * when it does not know the external ID) would give the second the first one's account.
 */
describe('duplicate_email across rows', () => {
  const csv = csvLines([
    HEADER,
    'A1,Xandra,Smit,x@example.com,NL,nl',
    'B1,Bart,Smit,bart@example.com,NL,nl',
    'C1,Xavier,Bos, X@Example.com ,NL,nl',
    'D1,Dirk,Bos,x@example.com,NL,nl',
  ]);

  it('rejects every row that shares an e-mail (case and spaces ignored), naming the other lines', async () => {
    const { rejected, valid } = await runCheck(csv);
    expect(valid.map((row) => row.record.externalId)).toEqual(['B1']);
    expect(rejected.map((row) => [row.line, codesOf(row.issues)])).toEqual([
      [2, ['duplicate_email']],
      [4, ['duplicate_email']],
      [5, ['duplicate_email']],
    ]);
    const issue = rejected[0]!.issues[0]!;
    expect(issue).toEqual(
      expect.objectContaining({ field: 'email', severity: 'error', externalId: 'A1' }),
    );
    expect(issue.message).toMatch(/^e-mail x@example\.com is also on lines 4, 5: /);
    expect(rejected[1]!.issues[0]!.message).toMatch(/is also on lines 2, 5: /);
  });

  it('is reported the same when the check only reports', async () => {
    const withRows = await runCheck(csv);
    const reportOnly = await checkCsv(csvStream(csv), {});
    expect(reportOnly).toEqual(withRows.report);
    expect(reportOnly.invalid).toBe(3);
  });

  it('takes its severity from the mapping: a warning keeps the rows', async () => {
    const mapping = parseMappingConfig({ severity: { duplicate_email: 'warning' } });
    const { rejected, valid } = await runCheck(csv, { mapping });
    expect(rejected).toEqual([]);
    expect(valid.map((row) => [row.record.externalId, codesOf(row.warnings)])).toEqual([
      ['A1', ['duplicate_email']],
      ['B1', []],
      ['C1', ['duplicate_email']],
      ['D1', ['duplicate_email']],
    ]);
  });

  it('leaves an e-mail that is not one to invalid_email', async () => {
    const { rejected } = await runCheck(
      csvLines([HEADER, 'A1,Xandra,Smit,not-one,NL,nl', 'B1,Bart,Smit,not-one,NL,nl']),
    );
    expect(rejected.map((row) => codesOf(row.issues))).toEqual([
      ['invalid_email'],
      ['invalid_email'],
    ]);
  });

  it('ignores rows without an e-mail', async () => {
    const { rejected } = await runCheck(
      csvLines([HEADER, 'A1,Xandra,Smit,,NL,nl', 'B1,Bart,Smit,,NL,nl']),
      { required: ['externalId'] },
    );
    expect(rejected).toEqual([]);
  });
});

describe('CrossRowIndex e-mails', () => {
  it('finds a duplicated e-mail among many IDs and through hash collisions', () => {
    const index = new CrossRowIndex(() => 7);
    for (let n = 0; n < 3000; n++) index.add(`E${n}`, undefined, n + 2, `u${n}@example.com`);
    index.add('LAST', undefined, 9000, 'U1500@example.com');
    index.finish();
    const issues = new IssueList(9000, 'LAST');
    index.addIssues('LAST', 9000, issues);
    expect(issues.issues.map((issue) => issue.code)).toEqual(['duplicate_email']);
    expect(issues.issues[0]?.message).toMatch(/^e-mail u1500@example\.com is also on line 1502: /);
    expect(index.hasIssues(index.add('OTHER', undefined, 9001))).toBe(false);
  });
});
