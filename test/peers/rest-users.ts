/**
 * The user table of the REST platform, in the shape of Springest's user import API
 * (test/peers/rest-platform.ts): snake_case fields, matched on external_id, then e-mail.
 * Exactly the fields the seed lists; any other field in a POST is refused with a 400.
 */
export const TEXT_FIELDS = [
  'external_id',
  'email',
  'gender',
  'first_name',
  'last_name',
  'phone_number',
  'birthdate',
  'birthplace',
  'company_name',
  'address',
  'house_number',
  'zip_code',
  'city',
  'country',
  'job_title',
  'department_name',
  'business_unit',
  'cost_center',
  'cost_center_name',
  'employment_start_date',
  'employment_end_date',
] as const;

/** Every field the seed documents for a POST. */
export const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  ...TEXT_FIELDS,
  'active',
  'tags',
  'approvers',
]);

type TextField = (typeof TEXT_FIELDS)[number];

export type RestUserRecord = { [field in TextField]: string | null } & {
  id: string;
  active: boolean;
  tags: string[];
  approvers: unknown[];
  created_at: string;
  updated_at: string;
};

export type RestErrors = Record<string, string[]>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The body's fields as the platform would store them, or the 400 errors it would answer. */
export function readBody(
  body: Record<string, unknown>,
): { fields: Partial<RestUserRecord> } | { errors: RestErrors } {
  const errors: RestErrors = {};
  const fields: Partial<RestUserRecord> = {};
  const fail = (field: string, message: string): void => {
    (errors[field] ??= []).push(message);
  };
  for (const field of Object.keys(body)) {
    if (!KNOWN_FIELDS.has(field)) fail(field, 'is not a known field');
  }
  if ('approvers' in body) {
    if (Array.isArray(body.approvers)) fields.approvers = body.approvers as unknown[];
    else if (body.approvers === null) fields.approvers = [];
    else fail('approvers', 'must be an array');
  }
  for (const field of TEXT_FIELDS) {
    if (!(field in body)) continue;
    const value = body[field];
    // A field sent empty clears it: "All data you send will override the existing data".
    if (value === null || value === '') fields[field as TextField] = null;
    else if (typeof value === 'string' || typeof value === 'number') {
      fields[field as TextField] = String(value).trim();
    } else fail(field, 'must be a string');
  }
  if (typeof fields.email === 'string' && !EMAIL.test(fields.email)) fail('email', 'is invalid');
  for (const field of ['employment_start_date', 'employment_end_date'] as const) {
    const value = fields[field];
    if (typeof value === 'string' && !DATE.test(value)) fail(field, 'must be yyyy-mm-dd');
  }
  if ('active' in body) {
    const active = parseActive(body.active);
    if (active === undefined) fail('active', 'must be true or false');
    else fields.active = active;
  }
  if ('tags' in body) {
    const { tags } = body;
    if (tags === null) fields.tags = [];
    else if (Array.isArray(tags) && tags.every((tag) => typeof tag === 'string')) {
      // "Any uppercase letters will be downcased in our application."
      fields.tags = tags.map((tag) => tag.toLowerCase());
    } else fail('tags', 'must be an array of strings');
  }
  if (!fields.email && !fields.external_id) {
    fail('email', "can't be blank when external_id is blank");
    fail('external_id', "can't be blank when email is blank");
  }
  return Object.keys(errors).length > 0 ? { errors } : { fields };
}

/** The seed's docs say `active: when you set this to "false"`: accept the string form too. */
function parseActive(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return undefined;
}

/** What GET /users.json?external_id= shows of a user: the seed's five fields, no more. */
export function presentUser(user: RestUserRecord): Record<string, unknown> {
  return {
    id: user.id,
    external_id: user.external_id,
    user_email: user.email,
    active: user.active,
    learning_track_status: 'no_tracks_assigned',
  };
}

/** A user in the list some platforms have (not the seed): every stored field. */
export function presentListedUser(user: RestUserRecord): Record<string, unknown> {
  const shown: Record<string, unknown> = { ...user };
  delete shown.created_at;
  delete shown.updated_at;
  return { ...shown, user_email: user.email };
}

export function emptyUser(id: string, now: string): RestUserRecord {
  const text = Object.fromEntries(TEXT_FIELDS.map((field) => [field, null])) as {
    [field in TextField]: null;
  };
  return { ...text, id, active: true, tags: [], approvers: [], created_at: now, updated_at: now };
}
