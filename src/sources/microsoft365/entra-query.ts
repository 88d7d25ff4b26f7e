/**
 * Whether a /users query needs Microsoft Graph's advanced query parameters (the
 * `ConsistencyLevel: eventual` header and `$count=true`), by the rules of
 * https://learn.microsoft.com/graph/aad-advanced-queries:
 * - `$search` on directory objects works only as an advanced query;
 * - the `ne` and `not` operators, `endsWith`, and `$count` inside a filter (`assignedLicenses/$count eq 0`);
 * - comparing with `null` (`employeeId eq null`): the "null values" column is advanced for users;
 * - properties whose filter is advanced even for `eq` (the docs' table: companyName,
 *   employeeHireDate, employeeType, mobilePhone, officeLocation, preferredLanguage, …), and
 *   `ge`/`le`/`in`/`startsWith` where the table marks them advanced (employeeId `le`, …).
 * n8n's Microsoft Entra ID node sends neither and fails on such filters (n8n issue #18111).
 * A default query sent as an advanced one still works but is only eventually consistent and
 * cannot `$expand` (the same page: "$expand is not currently supported with advanced
 * queries"), so the rule errs towards the default only where the docs say it works.
 */
export function needsAdvancedQuery(filter: string | undefined, search?: string): boolean {
  if (search !== undefined && search.trim() !== '') return true;
  if (filter === undefined || filter.trim() === '') return false;
  const code = withoutStringLiterals(filter);
  if (/\bne\b/i.test(code) || /\bnot\b/i.test(code)) return true;
  if (/\bendsWith\s*\(/i.test(code) || /\$count\b/i.test(code)) return true;
  if (/\b(eq|ne)\s+null\b/i.test(code)) return true;
  for (const [property, operator] of comparisons(code)) {
    const advanced = ADVANCED_OPERATORS.get(property.toLowerCase());
    if (advanced && (advanced === 'all' || advanced.has(operator))) return true;
  }
  return false;
}

type Operator = 'eq' | 'ge' | 'le' | 'in' | 'startswith' | 'gt' | 'lt';

/**
 * user properties whose operators need advanced queries (beyond ne/not/null, handled above),
 * from the docs' table "Support for filter by properties of Microsoft Entra ID objects".
 */
const ADVANCED_OPERATORS: ReadonlyMap<string, 'all' | ReadonlySet<Operator>> = new Map<
  string,
  'all' | ReadonlySet<Operator>
>([
  ['companyname', 'all'],
  ['employeehiredate', 'all'],
  ['employeeleavedatetime', 'all'],
  ['employeetype', 'all'],
  ['employeeorgdata', 'all'],
  ['mobilephone', 'all'],
  ['officelocation', 'all'],
  ['onpremisesextensionattributes', 'all'],
  ['onpremisesimmutableid', 'all'],
  ['onpremiseslastsyncdatetime', 'all'],
  ['onpremisessamaccountname', 'all'],
  ['passwordpolicies', 'all'],
  ['postalcode', 'all'],
  ['preferredlanguage', 'all'],
  ['showinaddresslist', 'all'],
  ['streetaddress', 'all'],
  ['accountenabled', new Set<Operator>(['ge', 'le'])],
  ['employeeid', new Set<Operator>(['le', 'ge', 'in'])],
  ['createddatetime', new Set<Operator>(['in'])],
  ['onpremisessyncenabled', new Set<Operator>(['ge', 'le'])],
]);

/** `(property, operator)` pairs: `department eq 'x'`, `startsWith(mail,'a')`, `a/b eq 1`. */
function comparisons(code: string): Array<[string, Operator]> {
  const found: Array<[string, Operator]> = [];
  const infix = /([A-Za-z][\w]*)(?:\/[\w/]+)?\s+(eq|ge|le|gt|lt|in)\b/gi;
  for (const match of code.matchAll(infix)) {
    found.push([match[1] ?? '', (match[2] ?? '').toLowerCase() as Operator]);
  }
  const prefix = /\bstartsWith\s*\(\s*([A-Za-z][\w]*)/gi;
  for (const match of code.matchAll(prefix)) found.push([match[1] ?? '', 'startswith']);
  return found;
}

/** Blanks out '…' literals (with '' escapes), so a value such as 'not here' is not an operator. */
function withoutStringLiterals(filter: string): string {
  return filter.replace(/'(?:[^']|'')*'/g, "''");
}
