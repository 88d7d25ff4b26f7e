import { PrincipalNames } from '../../../../src/targets/entra/principal-names';
import {
  PrincipalNameTemplateError,
  assertPrincipalNameTemplate,
  normaliseLocalPart,
  principalNameBase,
  withSuffix,
} from '../../../../src/targets/entra/user-principal-name';

const TEMPLATE = '{firstName}.{lastName}@contoso.com';

function base(firstName: string, lastName: string, externalId = 'E1') {
  const made = principalNameBase(TEMPLATE, undefined, {
    externalId,
    firstName,
    lastName,
    custom: {},
  });
  if ('reason' in made) throw new Error(made.reason);
  return made;
}

describe('normaliseLocalPart', () => {
  it.each([
    ['Zoë.Müller', 'zoe.muller'],
    ['José.Ñúñez', 'jose.nunez'],
    ['Jürgen.Groß', 'jurgen.gross'],
    ['Søren.Łukasz', 'soren.lukasz'],
    ['Anne Marie.van der Berg', 'annemarie.vanderberg'],
    ["Seán.O'Brien", "sean.o'brien"],
    ['a..b...c', 'a.b.c'],
    ['.anna.', 'anna'],
    ['an(n)a,"x"<y>@z', 'annaxyz'],
    ['a!b#c^d~e_f-g', 'a!b#c^d~e_f-g'],
    ['李.王', ''],
  ])('%s -> %s', (input, expected) => {
    expect(normaliseLocalPart(input)).toBe(expected);
  });

  it('keeps at most 64 characters, and room for a suffix, with no dot at the end', () => {
    const long = `${'a'.repeat(62)}.bcdef`;
    expect(normaliseLocalPart(long)).toHaveLength(64);
    expect(withSuffix(long, 12)).toBe(`${'a'.repeat(62)}12`);
    expect(withSuffix(normaliseLocalPart(long), 12)).toHaveLength(64);
  });
});

describe('principalNameBase', () => {
  it('fills the template from the record, lower-cased', () => {
    expect(base('Élodie', 'Dupré')).toEqual({
      local: 'elodie.dupre',
      domain: 'contoso.com',
      nickname: 'elodie.dupre',
    });
  });

  it('takes {externalId} and a separate nickname template', () => {
    const made = principalNameBase('u{externalId}@Contoso.COM', '{lastName}{firstName}', {
      externalId: 'A-17',
      firstName: 'Anna',
      lastName: 'Smit',
      custom: {},
    });
    expect(made).toEqual({ local: 'ua-17', domain: 'contoso.com', nickname: 'smitanna' });
  });

  it('says which record gives no name, and why', () => {
    const made = principalNameBase(TEMPLATE, undefined, {
      externalId: '1042',
      firstName: '李',
      lastName: '',
      custom: {},
    });
    expect(made).toEqual({ reason: expect.stringContaining('external ID 1042') });
    expect((made as { reason: string }).reason).toContain('empty name before the @');
  });
});

describe('assertPrincipalNameTemplate', () => {
  it('refuses an unknown field and a missing domain', () => {
    expect(() =>
      assertPrincipalNameTemplate('{first}.{lastName}@contoso.com', 'user principal name'),
    ).toThrow(PrincipalNameTemplateError);
    expect(() =>
      assertPrincipalNameTemplate('{firstName}.{lastName}', 'user principal name'),
    ).toThrow(/verified domains/);
    expect(() =>
      assertPrincipalNameTemplate('{firstName}@localhost', 'user principal name'),
    ).toThrow();
    expect(() => assertPrincipalNameTemplate(TEMPLATE, 'user principal name')).not.toThrow();
  });
});

describe('PrincipalNames', () => {
  it('skips the names the read found, whatever their case', () => {
    const names = new PrincipalNames();
    names.take('Anna.Smit@contoso.com');
    names.take('anna.smit2@CONTOSO.com');
    expect(names.nameFor('E1', base('Anna', 'Smit')).userPrincipalName).toBe(
      'anna.smit3@contoso.com',
    );
  });

  it('gives two new employees with the same name two names in one run', () => {
    const names = new PrincipalNames();
    const first = names.nameFor('E1', base('Anna', 'Smit'));
    const second = names.nameFor('E2', base('Anna', 'Smit'));
    expect([first.userPrincipalName, second.userPrincipalName]).toEqual([
      'anna.smit@contoso.com',
      'anna.smit2@contoso.com',
    ]);
    expect(second.mailNickname).toBe('anna.smit2');
  });

  it('keeps the name of a create sent again, and moves on when Graph says it exists', () => {
    const names = new PrincipalNames();
    names.nameFor('E1', base('Anna', 'Smit'));
    names.nameFor('E2', base('Anna', 'Smit'));
    expect(names.nameFor('E1', base('Anna', 'Smit')).userPrincipalName).toBe(
      'anna.smit@contoso.com',
    );
    const next = names.next('E1');
    expect(next).toMatchObject({ userPrincipalName: 'anna.smit3@contoso.com', n: 3, conflicts: 1 });
    expect(names.nameFor('E1', base('Anna', 'Smit')).userPrincipalName).toBe(
      'anna.smit3@contoso.com',
    );
  });

  it('gives a fresh name when the employee was renamed between tries', () => {
    const names = new PrincipalNames();
    names.nameFor('E1', base('Anna', 'Smit'));
    expect(names.nameFor('E1', base('Anna', 'de Vries')).userPrincipalName).toBe(
      'anna.devries@contoso.com',
    );
  });
});
