import { planColumns } from '../../../src/mapping/column-plan';
import type { MappingConfig } from '../../../src/mapping/mapping-config';
import { ValueRules, splitTags, toRecord, unneutralise } from '../../../src/mapping/to-record';

/** Maps one row under `header` the way the check does. */
function recordOf(header: string[], fields: string[], mapping: MappingConfig = {}) {
  return toRecord(fields, planColumns(header, mapping), new ValueRules(mapping.values));
}

describe('ValueRules', () => {
  const rules = new ValueRules({
    department: {
      '100': 'Management',
      '102': 'Supply Chain',
      hq: 'Head Office',
      HQ: 'Headquarters',
    },
  });

  it('translates a source value for its field', () => {
    expect(rules.apply('department', '102')).toBe('Supply Chain');
  });

  it('falls back to a case-insensitive match', () => {
    const salesRules = new ValueRules({ department: { Sales: 'Sales & Marketing' } });
    expect(salesRules.apply('department', 'SALES')).toBe('Sales & Marketing');
  });

  it('prefers the exact match over the case-insensitive one', () => {
    expect(rules.apply('department', 'hq')).toBe('Head Office');
    expect(rules.apply('department', 'HQ')).toBe('Headquarters');
  });

  it('leaves values without a rule, and fields without rules, as they are', () => {
    expect(rules.apply('department', '999')).toBe('999');
    expect(rules.apply('jobTitle', '102')).toBe('102');
  });
});

describe('toRecord', () => {
  const header = ['Employee ID', 'First Name', 'Last Name', 'Afdeling', 'Vestiging', 'Tags'];

  it('maps canonical fields and keeps other columns as custom fields', () => {
    const record = recordOf(header, ['1001', 'Sanne', 'de Vries', 'Sales', 'Amsterdam', 'hr']);
    expect(record).toEqual({
      externalId: '1001',
      firstName: 'Sanne',
      lastName: 'de Vries',
      department: 'Sales',
      tags: ['hr'],
      custom: { Vestiging: 'Amsterdam' },
    });
  });

  it('applies value rules, e.g. department 102 becomes Supply Chain', () => {
    const record = recordOf(header, ['1001', 'Sanne', 'de Vries', '102', '', ''], {
      values: { department: { '102': 'Supply Chain' } },
    });
    expect(record.department).toBe('Supply Chain');
  });

  it('applies value rules to custom fields under their custom name', () => {
    const record = recordOf(header, ['1001', 'S', 'V', '', 'Adam', ''], {
      columns: { Vestiging: 'custom:Location' },
      values: { Location: { adam: 'Amsterdam' } },
    });
    expect(record.custom).toEqual({ Location: 'Amsterdam' });
  });

  it('looks value rules up on the trimmed value', () => {
    const record = recordOf(header, ['1001', 'S', 'V', '  102 ', '', ''], {
      values: { department: { '102': 'Supply Chain' } },
    });
    expect(record.department).toBe('Supply Chain');
  });

  it('trims values and leaves empty and whitespace-only cells out', () => {
    const record = recordOf(header, ['  1001 ', '\tSanne ', '   ', '', ' ', '']);
    expect(record).toEqual({ externalId: '1001', firstName: 'Sanne', custom: {} });
  });

  it('leaves out fields a short row does not have', () => {
    const record = recordOf(header, ['1001', 'Sanne']);
    expect(record).toEqual({ externalId: '1001', firstName: 'Sanne', custom: {} });
  });

  it('leaves ignored columns and the errors column out of the record', () => {
    const record = recordOf(
      ['Employee ID', 'Salary', 'errors'],
      ['1001', '50000', 'email: is not valid'],
      { columns: { Salary: null } },
    );
    expect(record).toEqual({ externalId: '1001', custom: {} });
  });

  it('splits tags and applies value rules to the whole cell first', () => {
    const record = recordOf(['Employee ID', 'Tags'], ['1', 'WH'], {
      values: { tags: { WH: 'Warehouse, Night Shift' } },
    });
    expect(record.tags).toEqual(['warehouse', 'night shift']);
  });

  it('removes the apostrophe the errors CSV put before a formula-like cell', () => {
    const record = recordOf(['Employee ID', 'Notes', 'Mobile'], ['1', "'=SUM(A1)", "'+31 6 1"]);
    expect(record.custom).toEqual({ Notes: '=SUM(A1)' });
    expect(record.mobilePhone).toBe('+31 6 1');
  });

  it('reads a neutralised cell that started with a tab like the original cell', () => {
    // The original cell "\tjan@example.com" is trimmed to the address; the errors CSV
    // writes it as "'\tjan@example.com", which must not come back with the tab.
    const original = recordOf(['Employee ID', 'E-mail'], ['1', '\tjan@example.com']);
    const reread = recordOf(['Employee ID', 'E-mail'], ['1', "'\tjan@example.com"]);
    expect(reread).toEqual(original);
    expect(reread.email).toBe('jan@example.com');
  });
});

describe('splitTags', () => {
  it('splits on comma, semicolon and pipe, trims and lower-cases', () => {
    expect(splitTags('Sales, Field;Remote | EMEA')).toEqual(['sales', 'field', 'remote', 'emea']);
  });

  it('drops empty tags and duplicates, keeping first-seen order', () => {
    expect(splitTags('sales,, SALES ;|field; sales')).toEqual(['sales', 'field']);
  });

  it('returns no tags for separators only', () => {
    expect(splitTags(' ,;| ')).toEqual([]);
  });
});

describe('unneutralise', () => {
  it.each([
    ["'=1+1", '=1+1'],
    ["'+31612345678", '+31612345678'],
    ["'-5", '-5'],
    ["'@home", '@home'],
    ["'\tx", '\tx'],
  ])('removes the apostrophe from %j', (cell, expected) => {
    expect(unneutralise(cell)).toBe(expected);
  });

  it.each(["'0612345678", "'t Hooft", "O'Brien", '=1+1'])(
    'keeps %j as it is: no formula character follows an apostrophe',
    (cell) => {
      expect(unneutralise(cell)).toBe(cell);
    },
  );
});
