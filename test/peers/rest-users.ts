/**
 * The user table of the REST platform, in the shape of Springest's user import API
 * (test/peers/rest-platform.ts): snake_case fields, matched on external_id, then e-mail.
 */
export interface RestUserRecord {
  id: string;
  external_id: string | null;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  phone_number: string | null;
  country: string | null;
  language: string | null;
  active: boolean;
  job_title: string | null;
  department_name: string | null;
  manager_external_id: string | null;
  tags: string[];
  employment_start_date: string | null;
  employment_end_date: string | null;
  created_at: string;
  updated_at: string;
}

export const TEXT_FIELDS = [
  'external_id',
  'email',
  'first_name',
  'last_name',
  'phone_number',
  'country',
  'language',
  'job_title',
  'department_name',
  'manager_external_id',
  'employment_start_date',
  'employment_end_date',
] as const;

type TextField = (typeof TEXT_FIELDS)[number];
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

/** What GET /users.json shows of a user; `user_email` is the documented name, `email` is kept too. */
export function presentUser(user: RestUserRecord): Record<string, unknown> {
  const shown: Record<string, unknown> = { ...user };
  delete shown.created_at;
  delete shown.updated_at;
  return { ...shown, user_email: user.email, learning_track_status: 'no_tracks_assigned' };
}

export function emptyUser(id: string, now: string): RestUserRecord {
  return {
    id,
    external_id: null,
    email: null,
    first_name: null,
    last_name: null,
    phone_number: null,
    country: null,
    language: null,
    active: true,
    job_title: null,
    department_name: null,
    manager_external_id: null,
    tags: [],
    employment_start_date: null,
    employment_end_date: null,
    created_at: now,
    updated_at: now,
  };
}
