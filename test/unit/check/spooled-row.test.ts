import type { CheckedRow } from '../../../src/check/first-pass';
import { spoolRow, unspoolRow } from '../../../src/check/spooled-row';
import { planColumns } from '../../../src/mapping/column-plan';
import { ValueRules, toRecord } from '../../../src/mapping/to-record';
import { applyRowRules } from '../../../src/validate/row-rules';
import { IssueList } from '../../../src/validate/row-issue';

const header = ['externalId', 'Country', 'Mobile', 'Language', 'Tags', 'Store'];
const plan = planColumns(header, { columns: { Mobile: 'mobilePhone' } });
const rules = new ValueRules({ language: { Dutch: 'nl' } });

/** A row mapped and checked as the first pass does it. */
function checked(fields: string[]): CheckedRow {
  const record = toRecord(fields, plan, rules);
  const issues = new IssueList(2, record.externalId ?? '');
  applyRowRules(record, { required: [] }, issues);
  return { line: 2, fields, record, issues: issues.issues };
}

/** Through JSON and back, as a row spilled to disk. */
const throughDisk = (row: CheckedRow) =>
  unspoolRow(JSON.parse(JSON.stringify(spoolRow(row, plan, rules))), plan, rules);

describe('spoolRow and unspoolRow', () => {
  it('keep only what the rules changed, and rebuild the record with its keys in order', () => {
    const row = checked([' 7 ', 'nl', '06-12345678', 'Dutch', 'A, b', 'Leeds']);
    expect(spoolRow(row, plan, rules)[2]).toEqual({ country: 'NL', mobilePhone: '+31612345678' });
    const back = throughDisk(row);
    expect(back).toEqual(row);
    expect(JSON.stringify(back.record)).toBe(JSON.stringify(row.record));
  });

  it('keep the issues and the fields exactly', () => {
    const row = checked(['8', 'Holland', '12345', '', '', '']);
    expect(row.issues.length).toBeGreaterThan(0);
    expect(throughDisk(row)).toEqual(row);
  });

  it('bring back a value a rule removed as removed', () => {
    const row = checked(['9', 'NL', '', '', '', '']);
    delete row.record.country;
    expect(throughDisk(row).record).toEqual({ externalId: '9', custom: {} });
  });
});
