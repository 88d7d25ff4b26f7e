/**
 * The canonical employee record: the one shape every source is read into and every
 * target is written from. Field names are camelCase, as in DESIGN.md.
 */
export const TEXT_FIELDS = [
  'externalId',
  'firstName',
  'lastName',
  'email',
  'privateEmail',
  'mobilePhone',
  'privateMobilePhone',
  'businessPhone',
  'country',
  'language',
  'department',
  'jobTitle',
  'managerExternalId',
  'startDate',
  'endDate',
  'archivedAt',
] as const;

export type TextField = (typeof TEXT_FIELDS)[number];

/** Every canonical field a column can be mapped to. */
export const CANONICAL_FIELDS = [...TEXT_FIELDS, 'tags'] as const;
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

export const PHONE_FIELDS = ['mobilePhone', 'privateMobilePhone', 'businessPhone'] as const;
export type PhoneField = (typeof PHONE_FIELDS)[number];

export const EMAIL_FIELDS = ['email', 'privateEmail'] as const;
export const DATE_FIELDS = ['startDate', 'endDate'] as const;

export type EmployeeRecord = { [F in TextField]?: string } & {
  tags?: string[];
  /** Columns that are not canonical fields, kept under their header as it was written. */
  custom: Record<string, string>;
};

const canonical: ReadonlySet<string> = new Set(CANONICAL_FIELDS);
export function isCanonicalField(name: string): name is CanonicalField {
  return canonical.has(name);
}
