import { planColumns, type ColumnTarget } from '../../../src/mapping/column-plan';
import { FileError } from '../../../src/file/file-error';
import type { MappingConfig } from '../../../src/mapping/mapping-config';

const field = (name: string): ColumnTarget => ({ kind: 'field', field: name }) as ColumnTarget;
const custom = (name: string): ColumnTarget => ({ kind: 'custom', name });

/** The FileError planColumns throws for this header, or fails the test. */
function planError(header: string[], mapping?: MappingConfig): FileError {
  try {
    planColumns(header, mapping);
  } catch (error) {
    if (error instanceof FileError) return error;
    throw error;
  }
  throw new Error(`planColumns accepted ${header.join(', ')}`);
}

describe('planColumns', () => {
  it('maps known header spellings to canonical fields without a mapping', () => {
    const plan = planColumns(['Employee ID', 'First Name', 'E-mail', 'Manager Employee ID']);
    expect(plan.targets).toEqual([
      field('externalId'),
      field('firstName'),
      field('email'),
      field('managerExternalId'),
    ]);
  });

  it('lets an explicit mapping win over the known spellings', () => {
    // "Phone" is a business phone by default; this export keeps mobiles in it.
    const plan = planColumns(['Employee ID', 'Phone'], { columns: { Phone: 'mobilePhone' } });
    expect(plan.targets).toEqual([field('externalId'), field('mobilePhone')]);
  });

  it('matches mapping keys to headers ignoring case, spaces, dashes and underscores', () => {
    const plan = planColumns(['Nr', 'Pers Nr'], {
      columns: { nr: 'custom:Badge', pers_nr: 'externalId' },
    });
    expect(plan.targets).toEqual([custom('Badge'), field('externalId')]);
  });

  it('ignores a column mapped to null', () => {
    const plan = planColumns(['Employee ID', 'Salary'], { columns: { Salary: null } });
    expect(plan.targets[1]).toEqual({ kind: 'ignore', reason: 'mapping' });
  });

  it('resolves two columns for one field by mapping one of them to null', () => {
    const plan = planColumns(['Employee ID', 'Personnel Number'], {
      columns: { 'Personnel Number': null },
    });
    expect(plan.targets).toEqual([field('externalId'), { kind: 'ignore', reason: 'mapping' }]);
  });

  it('keeps a column mapped to custom:Name as the custom field Name', () => {
    const plan = planColumns(['Employee ID', 'Vestiging'], {
      columns: { Vestiging: 'custom:Location' },
    });
    expect(plan.targets[1]).toEqual(custom('Location'));
  });

  it('reads a custom:Name header (the keys of HR Source API rows) as the custom field Name', () => {
    const plan = planColumns(['externalId', 'custom:Cost center', 'hrSystemId']);
    expect(plan.targets).toEqual([
      field('externalId'),
      custom('Cost center'),
      custom('hrSystemId'),
    ]);
  });

  it('lets an explicit mapping of a custom:Name header win', () => {
    const plan = planColumns(['externalId', 'custom:Cost center'], {
      columns: { 'custom:Cost center': 'department' },
    });
    expect(plan.targets[1]).toEqual(field('department'));
  });

  it('keeps unknown columns as custom fields under their header, trimmed', () => {
    const plan = planColumns(['Employee ID', ' Shoe Size ', 'Cost Centre']);
    expect(plan.header).toEqual(['Employee ID', 'Shoe Size', 'Cost Centre']);
    expect(plan.targets.slice(1)).toEqual([custom('Shoe Size'), custom('Cost Centre')]);
  });

  it('names a column without a header after its position', () => {
    const plan = planColumns(['Employee ID', 'First Name', '']);
    expect(plan.targets[2]).toEqual(custom('column 3'));
  });

  it.each(['errors', 'Errors', 'ERRORS'])(
    'ignores the "%s" column of a re-uploaded errors CSV',
    (name) => {
      const plan = planColumns(['Employee ID', name]);
      expect(plan.targets[1]).toEqual({ kind: 'ignore', reason: 'errors-column' });
    },
  );

  it('drops a byte order mark left on the first header', () => {
    const plan = planColumns(['\uFEFFEmployee ID', 'First Name']);
    expect(plan.header[0]).toBe('Employee ID');
    expect(plan.targets[0]).toEqual(field('externalId'));
  });

  it('refuses two columns that map to one field, naming both and the field', () => {
    const error = planError(['Employee ID', 'E-mail', 'Work Email']);
    expect(error.code).toBe('duplicate_column');
    expect(error.message).toContain('"E-mail" and "Work Email" both map to email');
  });

  it('refuses two unknown columns with the same header instead of keeping only the last', () => {
    const error = planError(['Employee ID', 'Note', 'First Name', 'Note']);
    expect(error.code).toBe('duplicate_column');
    expect(error.message).toContain('Columns 2 and 4 are both named "Note"');
  });

  it('counts an explicit mapping onto an already-recognised field as a duplicate', () => {
    const error = planError(['Employee ID', 'Mobile', 'Telefoon'], {
      columns: { Telefoon: 'mobilePhone' },
    });
    expect(error.code).toBe('duplicate_column');
    expect(error.message).toContain('both map to mobilePhone');
  });

  it('says which column is missing when the header is recognised but has no external ID', () => {
    const error = planError(['First Name', 'Last Name', 'E-mail']);
    expect(error.code).toBe('no_header');
    expect(error.message).toContain('No column holds the external ID');
    expect(error.message).toContain('First Name, Last Name, E-mail');
    expect(error.message).toContain('column mapping');
  });

  it('says the file seems to have no header when the first line names no known column', () => {
    const error = planError(['1001', 'Sanne', 'de Vries', 'sanne@example.com', 'NL', 'nl']);
    expect(error.code).toBe('no_header');
    expect(error.message).toContain('No header row');
    // Only the first five cells are quoted back.
    expect(error.message).toContain('(1001, Sanne, de Vries, sanne@example.com, NL)');
    expect(error.message).toContain('--no-header --columns');
  });
});
