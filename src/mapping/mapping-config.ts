import { z } from 'zod';
import { CANONICAL_FIELDS, isCanonicalField } from '../record/fields';
import { normalizeCountry } from '../validate/formats';
import { ISSUE_CODES } from '../validate/row-issue';

const canonicalField = z.enum(CANONICAL_FIELDS);
/** `custom:Store` keeps a column as the custom field "Store"; null ignores the column. */
const columnTarget = z.union([canonicalField, z.string().regex(/^custom:.+/), z.null()]);

/** The field names in required-field rules that are not canonical fields. */
export function unknownRequiredFields(rules: readonly string[]): string[] {
  return rules.flatMap((rule) => rule.split('|')).filter((field) => !isCanonicalField(field));
}

/** "email|mobilePhone": at least one of the fields must be filled. */
const requirement = z.string().refine((value) => unknownRequiredFields([value]).length === 0, {
  message: 'must name canonical fields, alternatives joined with |',
});

/**
 * What an admin may configure without code: which column feeds which field, how source
 * values translate, which fields are required, and how severe each kind of issue is.
 */
export const mappingConfigSchema = z
  .object({
    columns: z.record(z.string(), columnTarget).optional(),
    values: z.record(z.string(), z.record(z.string(), z.string())).optional(),
    required: z.array(requirement).optional(),
    // An assigned code, not only two letters: with "UK" every national number would be
    // reported invalid "for country UK".
    defaultCountry: z
      .string()
      .refine((code) => normalizeCountry(code) !== undefined, {
        message: 'must be an ISO 3166-1 alpha-2 code such as NL',
      })
      .optional(),
    severity: z.record(z.enum(ISSUE_CODES), z.enum(['error', 'warning'])).optional(),
  })
  .strict();

export type MappingConfig = z.infer<typeof mappingConfigSchema>;

export const DEFAULT_REQUIRED: readonly string[] = [
  'externalId',
  'firstName',
  'lastName',
  'country',
  'language',
  'email|mobilePhone',
];

/** Parses a mapping file's JSON, with a message that points at the wrong key. */
export function parseMappingConfig(json: unknown): MappingConfig {
  const result = mappingConfigSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues
    .map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`)
    .join('; ');
  throw new MappingError(`The mapping is not valid: ${problems}`);
}

export class MappingError extends Error {
  override name = 'MappingError';
}
