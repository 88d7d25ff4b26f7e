import type { CanonicalField } from './fields';

/**
 * Header spellings seen in real HR exports (BambooHR, Personio, HiBob, AFAS, Excel
 * templates, the platforms in the seeds), keyed by canonical field. Headers are compared
 * after `normalizeHeader`, so case, spaces, dashes, dots and underscores do not matter.
 */
const ALIASES: Record<CanonicalField, string[]> = {
  externalId: [
    'externalId',
    'external id',
    'employee id',
    'employeeId',
    'employee number',
    'employee no',
    'employee nr',
    'employeeNumber',
    'personnel number',
    'personnel id',
    'staff id',
    'staff number',
    'worker id',
    'hr id',
    // Not the bare 'id' or 'user id': exports carry the HR system's own row or account id
    // under those names, and a wrong external ID matches or archives the wrong people.
    'personeelsnummer',
    'personalnummer',
  ],
  firstName: [
    'firstName',
    'first name',
    'given name',
    'givenName',
    'forename',
    'first',
    'voornaam',
    'vorname',
    'prénom',
    'prenom',
  ],
  lastName: [
    'lastName',
    'last name',
    'family name',
    'familyName',
    'surname',
    'last',
    'achternaam',
    'nachname',
    'nom',
  ],
  email: [
    'email',
    'e-mail',
    'email address',
    'e-mail address',
    'work email',
    'work e-mail',
    'business email',
    'company email',
    'mail',
    'user email',
    'userEmail',
  ],
  privateEmail: [
    'privateEmail',
    'private email',
    'personal email',
    'home email',
    'private e-mail',
    'personal e-mail',
  ],
  mobilePhone: [
    'mobilePhone',
    'mobile phone',
    'mobile',
    'mobile number',
    'mobile phone number',
    'cell',
    'cell phone',
    'cellphone',
    'work mobile',
    'business mobile',
    'phone mobile',
    'gsm',
    'mobiel',
    'handy',
  ],
  privateMobilePhone: [
    'privateMobilePhone',
    'private mobile phone',
    'private mobile',
    'personal mobile',
    'personal mobile phone',
    'home mobile',
    'private phone',
    'personal phone',
  ],
  businessPhone: [
    'businessPhone',
    'business phone',
    'work phone',
    'office phone',
    'phone',
    'telephone',
    'phone number',
    'work phone number',
    'landline',
    'telefoon',
  ],
  country: [
    'country',
    'country code',
    'countryCode',
    'country iso',
    'work country',
    'nationality country',
    'land',
  ],
  language: [
    'language',
    'language code',
    'languageCode',
    'locale',
    'preferred language',
    'lang',
    'taal',
    'sprache',
  ],
  department: [
    'department',
    'dept',
    'department name',
    'division',
    'team',
    'afdeling',
    'abteilung',
  ],
  jobTitle: [
    'jobTitle',
    'job title',
    // Not the bare 'title': it is often the salutation ("Dr.", "Mr."), not the job.
    'position',
    'function',
    'job',
    'role',
    'functie',
    'job function',
  ],
  managerExternalId: [
    'managerExternalId',
    'manager external id',
    'manager id',
    'manager employee id',
    'manager employee number',
    'managerId',
    'reports to',
    'reports to id',
    'supervisor id',
    'line manager id',
  ],
  startDate: [
    'startDate',
    'start date',
    'hire date',
    'hireDate',
    'date of hire',
    'employment start',
    'start',
    'employee start date',
    'in dienst',
  ],
  endDate: [
    'endDate',
    'end date',
    'termination date',
    'terminationDate',
    'leave date',
    'leaving date',
    'employment end',
    'employee end date',
    'employeeEndDate',
    'exit date',
    'uit dienst',
  ],
  archivedAt: ['archivedAt', 'archived at', 'archive date', 'deactivated at'],
  tags: ['tags', 'tag', 'labels', 'groups'],
};

/** Lower-cases and drops spaces, dashes, dots and underscores: `E-mail` and `e_mail` meet. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s\-_.]+/g, '');
}

const BY_NORMALIZED_HEADER: ReadonlyMap<string, CanonicalField> = new Map(
  (Object.entries(ALIASES) as [CanonicalField, string[]][]).flatMap(([field, spellings]) =>
    spellings.map((spelling) => [normalizeHeader(spelling), field] as const),
  ),
);

/** The canonical field a header names without any configuration, if any. */
export function fieldForHeader(header: string): CanonicalField | undefined {
  return BY_NORMALIZED_HEADER.get(normalizeHeader(header));
}
