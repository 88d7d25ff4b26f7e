import { fieldForHeader, normalizeHeader } from '../../../src/record/aliases';
import { CANONICAL_FIELDS } from '../../../src/record/fields';

describe('fieldForHeader: header spellings of real exports need no configuration', () => {
  it.each([
    ['external_id', 'externalId'],
    ['Employee ID', 'externalId'],
    ['Employee Number', 'externalId'],
    ['Personeelsnummer', 'externalId'],
    ['Personalnummer', 'externalId'],
    ['First Name', 'firstName'],
    ['Given Name', 'firstName'],
    ['Voornaam', 'firstName'],
    ['Prénom', 'firstName'],
    ['Last Name', 'lastName'],
    ['Surname', 'lastName'],
    ['Achternaam', 'lastName'],
    ['E-mail', 'email'],
    ['Email Address', 'email'],
    ['Work Email', 'email'],
    ['Personal Email', 'privateEmail'],
    ['Mobile Phone', 'mobilePhone'],
    ['Mobiel', 'mobilePhone'],
    ['Private Mobile', 'privateMobilePhone'],
    ['Work Phone', 'businessPhone'],
    ['Country Code', 'country'],
    ['Land', 'country'],
    ['Locale', 'language'],
    ['Taal', 'language'],
    ['Department', 'department'],
    ['Afdeling', 'department'],
    ['Job Title', 'jobTitle'],
    ['Functie', 'jobTitle'],
    ['Manager Employee ID', 'managerExternalId'],
    ['Manager ID', 'managerExternalId'],
    ['Reports To', 'managerExternalId'],
    ['Hire Date', 'startDate'],
    ['In dienst', 'startDate'],
    ['Termination Date', 'endDate'],
    ['Uit dienst', 'endDate'],
    ['Archived At', 'archivedAt'],
    ['Labels', 'tags'],
  ])('maps "%s" to %s', (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
  });

  it.each([
    'employee id',
    'EMPLOYEE ID',
    'Employee-Id',
    'employee_id',
    'Employee.ID',
    'EmployeeID',
  ])('ignores case, spaces, dashes, dots and underscores: "%s" is the external ID', (header) => {
    expect(fieldForHeader(header)).toBe('externalId');
  });

  it.each(['ID', 'User ID', 'Title'])(
    'leaves the ambiguous "%s" a custom column: a salutation or a system id is not a job or an employee ID',
    (header) => {
      expect(fieldForHeader(header)).toBeUndefined();
    },
  );

  it('ignores surrounding and repeated whitespace', () => {
    expect(fieldForHeader('  First   Name\t')).toBe('firstName');
  });

  it('reads a decomposed accent (as macOS writes it) like the composed one', () => {
    expect(fieldForHeader('Pre\u0301nom')).toBe('firstName');
  });

  it('maps every canonical field name to itself, so a canonical header needs no mapping', () => {
    for (const field of CANONICAL_FIELDS) expect(fieldForHeader(field)).toBe(field);
  });

  it.each(['Vestiging', 'Shoe size', 'Full Name', 'Manager', 'Salary', ''])(
    'returns undefined for the unknown header "%s"',
    (header) => {
      expect(fieldForHeader(header)).toBeUndefined();
    },
  );
});

describe('normalizeHeader', () => {
  it('makes E-mail, e_mail, E.Mail and "e mail" meet', () => {
    const forms = ['E-mail', 'e_mail', 'E.Mail', 'e mail'].map(normalizeHeader);
    expect(new Set(forms)).toEqual(new Set(['email']));
  });
});
