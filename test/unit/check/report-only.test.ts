import { generateEmployeeCsv } from '../../../bench/generate-employees';
import { checkCsv, type CheckOptions } from '../../../src/check/check-rows';
import { parseMappingConfig } from '../../../src/mapping/mapping-config';
import { csvLines, csvStream, runCheck } from '../helpers/check-harness';

/**
 * A check without row sinks keeps no rows between its passes and builds the whole-file
 * issues from the cross-row index alone; its report must be the one a check with sinks gives.
 */
async function expectSameReport(csv: string, options: CheckOptions = {}): Promise<void> {
  const withRows = await runCheck(csv, options);
  const reportOnly = await checkCsv(csvStream(csv), options);
  expect(reportOnly).toEqual(withRows.report);
}

const HEADER = 'externalId,firstName,lastName,email,country,language,managerExternalId';

describe('checkCsv without row sinks (report only)', () => {
  it('reports duplicates, missing managers, self-managers and loops on their lines', async () => {
    const csv = csvLines([
      HEADER,
      '1,Sanne,de Vries,s@example.com,NL,nl,',
      '2,Jan,Jansen,jan@example.com,NL,nl,1',
      '3,Ans,Smit,ans@example.com,NL,nl,99',
      '1,Piet,Bakker,p@example.com,NL,nl,2',
      '4,Zoë,Bakker,zoe@example.com,NL,nl,4',
      '5,Kim,Bos,kim@example.com,NL,nl,6',
      '6,Lars,Bos,lars@example.com,NL,nl,5',
      '1,Eva,Dijk,eva@example.com,NL,nl,',
    ]);
    await expectSameReport(csv);
    const report = await checkCsv(csvStream(csv), {});
    expect(report.issues.map((issue) => [issue.line, issue.code])).toEqual([
      [2, 'duplicate_external_id'],
      [4, 'manager_not_found'],
      [5, 'duplicate_external_id'],
      [6, 'manager_self'],
      [7, 'manager_cycle'],
      [8, 'manager_cycle'],
      [9, 'duplicate_external_id'],
    ]);
  });

  it("puts a row's whole-file issues after its own, in file order", async () => {
    await expectSameReport(
      csvLines([
        HEADER,
        '1,Sanne,,s@example,Holland,nl,9',
        '2,Jan,Jansen,jan@example.com,NL,nl,2',
        '2,Jan,,jan@example.com,NL,nl,',
        ',Nobody,Here,nobody@example.com,NL,nl,1',
        ',,,,,,',
        '3,Ans,Smit,ans@example.com,NL,nl,1',
      ]),
    );
  });

  it('counts rows without an external ID when it is not required', async () => {
    await expectSameReport(csvLines([HEADER, ',A,B,a@example.com,NL,nl,', '1,C,D,,NL,nl,7']), {
      required: ['firstName'],
    });
  });

  it('applies the configured severities to the whole-file issues', async () => {
    await expectSameReport(csvLines([HEADER, '1,A,B,a@example.com,NL,nl,7', '1,C,D,,NL,nl,']), {
      mapping: parseMappingConfig({
        severity: { manager_not_found: 'error', duplicate_external_id: 'warning' },
      }),
    });
  });

  it('gives the same report for a generated export of 3,000 rows with planted defects', async () => {
    await expectSameReport(generateEmployeeCsv({ rows: 3_000, seed: 11, badRowEvery: 40 }));
  });
});
