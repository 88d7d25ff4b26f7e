import type { FakeUser } from './directory-store';

/**
 * The users.list `query` search of
 * https://developers.google.com/workspace/admin/directory/v1/guides/search-users, in the part
 * the sync uses: clauses `field=value` (exact) or `field:value` (contains), separated by
 * spaces and joined by AND, a value in single quotes when it has spaces (with `\'` for a
 * quote), matched without case. Fields: externalId, email, givenName, familyName,
 * isSuspended, orgUnitPath and a custom attribute as `schema.field`. Anything else is
 * refused (the real API answers 400 "Invalid Input").
 */
export function parseUserQuery(query: string): ((user: FakeUser) => boolean) | undefined {
  const clauses: Array<(user: FakeUser) => boolean> = [];
  const pattern = /\s*([A-Za-z][\w.]*)(=|:)('((?:\\.|[^'\\])*)'|[^\s']+)/y;
  let at = 0;
  const text = query.trim();
  while (at < text.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) return undefined;
    at = pattern.lastIndex;
    const [, field, operator, bare, quoted] = match as unknown as [
      string,
      string,
      string,
      string,
      string | undefined,
    ];
    const value = (quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : bare).toLowerCase();
    const values = valuesOf(field as string);
    if (!values) return undefined;
    clauses.push((user) =>
      values(user).some((candidate) => {
        const lower = candidate.toLowerCase();
        return operator === '=' ? lower === value : lower.includes(value);
      }),
    );
  }
  return (user) => clauses.every((clause) => clause(user));
}

function valuesOf(field: string): ((user: FakeUser) => string[]) | undefined {
  const list = (user: FakeUser, key: string, sub: string): string[] =>
    (Array.isArray(user[key]) ? (user[key] as Array<Record<string, unknown>>) : [])
      .map((entry) => entry[sub])
      .filter((value): value is string => typeof value === 'string');
  switch (field) {
    case 'externalId':
      return (user) => list(user, 'externalIds', 'value');
    case 'email':
      return (user) => [user.primaryEmail, ...list(user, 'emails', 'address')];
    case 'givenName':
    case 'familyName':
      return (user) => [String((user.name as Record<string, unknown> | undefined)?.[field] ?? '')];
    case 'isSuspended':
      return (user) => [String(user.suspended === true)];
    case 'orgUnitPath':
      return (user) => [String(user.orgUnitPath ?? '/')];
  }
  const custom = /^([\w-]+)\.([\w-]+)$/.exec(field);
  if (!custom) return undefined;
  return (user) => {
    const schema = (user.customSchemas as Record<string, Record<string, unknown>> | undefined)?.[
      custom[1] as string
    ];
    const value = schema?.[custom[2] as string];
    return value === undefined || value === null ? [] : [String(value)];
  };
}
