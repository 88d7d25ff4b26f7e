import { DEFAULT_REQUIRED } from '../../../src/mapping/mapping-config';
import { COMPLETE_RECORD, checkRecord } from '../helpers/rule-harness';

const withDefaults = { required: DEFAULT_REQUIRED };

/** The complete record without one of its fields. */
function without(field: keyof typeof COMPLETE_RECORD): Partial<typeof COMPLETE_RECORD> {
  return Object.fromEntries(Object.entries(COMPLETE_RECORD).filter(([key]) => key !== field));
}

describe('required fields', () => {
  it('accepts a record with every default required field', () => {
    expect(checkRecord(COMPLETE_RECORD, withDefaults).issues).toEqual([]);
  });

  it.each(['externalId', 'firstName', 'lastName', 'country', 'language'] as const)(
    'rejects a record without %s by default',
    (missing) => {
      const { issues } = checkRecord(without(missing), withDefaults);
      expect(issues).toEqual([
        expect.objectContaining({
          field: missing,
          code: 'required',
          severity: 'error',
          message: `${missing} is required`,
        }),
      ]);
    },
  );

  it('is satisfied by a mobile phone instead of an e-mail address', () => {
    const record = { ...without('email'), mobilePhone: '06 12345678' };
    const { issues } = checkRecord(record, withDefaults);
    expect(issues).toEqual([]);
  });

  it('needs one of e-mail and mobile phone, and says so', () => {
    const { issues } = checkRecord(without('email'), withDefaults);
    expect(issues).toEqual([
      expect.objectContaining({
        field: 'email|mobilePhone',
        code: 'required',
        message: 'one of email or mobilePhone is required',
      }),
    ]);
  });

  it('uses the configured set instead of the defaults', () => {
    const { issues } = checkRecord(
      { externalId: 'E1', firstName: 'Sanne' },
      { required: ['externalId', 'department'] },
    );
    expect(issues.map((issue) => issue.field)).toEqual(['department']);
  });

  it('accepts any one of three alternatives', () => {
    const required = ['email|privateEmail|mobilePhone'];
    expect(checkRecord({ privateEmail: 'me@example.org' }, { required }).issues).toEqual([]);
    expect(checkRecord({}, { required }).issues[0]?.message).toBe(
      'one of email or privateEmail or mobilePhone is required',
    );
  });

  it('counts tags as filled only when there is at least one', () => {
    expect(checkRecord({ tags: [] }, { required: ['tags'] }).issues).toHaveLength(1);
    expect(checkRecord({ tags: ['hr'] }, { required: ['tags'] }).issues).toEqual([]);
  });

  it('reports every missing field of a row, not only the first', () => {
    const { issues } = checkRecord({ externalId: 'E1' }, withDefaults);
    expect(issues.map((issue) => issue.field)).toEqual([
      'firstName',
      'lastName',
      'country',
      'language',
      'email|mobilePhone',
    ]);
  });
});
