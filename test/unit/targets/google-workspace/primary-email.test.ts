import type { EmployeeRecord } from '../../../../src/record/fields';
import {
  emailFromTemplate,
  normaliseNamePart,
  withSuffix,
} from '../../../../src/targets/google-workspace/primary-email';

const record = (fields: Partial<EmployeeRecord>): EmployeeRecord =>
  ({ externalId: 'E1', custom: {}, ...fields }) as EmployeeRecord;

describe('primary e-mail template', () => {
  it.each([
    ['José', 'jose'],
    ['Ærø', 'aero'],
    ['Łukasz', 'lukasz'],
    ['Strauß', 'strauss'],
    ['Anne Marie', 'annemarie'],
    ["O'Brien", 'obrien'],
    ['Zoë-Lynn', 'zoe-lynn'],
    ['王', ''],
  ])('normalises %s to %s', (name, part) => {
    expect(normaliseNamePart(name)).toBe(part);
  });

  it('fills the template from the record', () => {
    expect(
      emailFromTemplate(
        '{firstName}.{lastName}@Example.com',
        record({ firstName: 'Jöran', lastName: 'van Dijk' }),
      ),
    ).toBe('joran.vandijk@example.com');
    expect(
      emailFromTemplate(
        '{firstName:1}{lastName}@example.com',
        record({ firstName: 'Jane', lastName: 'Doe' }),
      ),
    ).toBe('jdoe@example.com');
    expect(
      emailFromTemplate('{custom.Login}@example.com', record({ custom: { Login: 'jd42' } })),
    ).toBe('jd42@example.com');
  });

  it('gives no address when a named field is empty', () => {
    expect(
      emailFromTemplate('{firstName}.{lastName}@example.com', record({ firstName: 'Jane' })),
    ).toBeUndefined();
    expect(
      emailFromTemplate(
        '{firstName}.{lastName}@example.com',
        record({ firstName: '王', lastName: 'Li' }),
      ),
    ).toBeUndefined();
  });

  it('puts the collision suffix before the @', () => {
    expect(withSuffix('jane.doe@example.com', 1)).toBe('jane.doe@example.com');
    expect(withSuffix('jane.doe@example.com', 3)).toBe('jane.doe3@example.com');
  });
});
