import { SCIMMY } from 'scimmy-routers';
import { ScimStoreError, type ScimUserRecord } from './scim-store';

type Expression = Record<string, unknown>;
const VALUELESS = new Set(['pr', 'np']);

/**
 * The users a list request's filter selects, with two corrections to SCIMMY's matcher:
 * - `userName` is caseExact=false in RFC 7643 §4.1.1, so `userName eq "A@x"` finds `a@x`;
 * - a comparison without a value (`userName eq`) is a 400 invalidFilter, where SCIMMY
 *   would quietly answer 200 with an empty list.
 */
export function selectUsers(
  filter: InstanceType<typeof SCIMMY.Types.Filter> | undefined,
  users: ScimUserRecord[],
): ScimUserRecord[] {
  if (!filter) return users;
  const expressions = [...filter] as Expression[];
  for (const expression of expressions) assertComparisonsHaveValues(expression, filter.expression);
  const folded = new SCIMMY.Types.Filter(expressions.map(foldUserName));
  const byProjection = new Map(users.map((user) => [projection(user), user]));
  return folded.match([...byProjection.keys()]).map((match) => byProjection.get(match)!);
}

function projection(user: ScimUserRecord): ScimUserRecord {
  return { ...user, userName: user.userName.toLowerCase() };
}

/** Lower-cases the expected values of comparisons on userName (only top-level ones exist). */
function foldUserName(expression: Expression): Expression {
  const folded: Expression = {};
  for (const [attribute, value] of Object.entries(expression)) {
    folded[attribute] = attribute.toLowerCase() === 'username' ? lowerComparisons(value) : value;
  }
  return folded;
}

function lowerComparisons(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  if (value.every(Array.isArray)) return value.map(lowerComparisons);
  return value.map((part, index) =>
    index > 0 && typeof part === 'string' && !isOperator(part) ? part.toLowerCase() : part,
  );
}

function isOperator(part: string): boolean {
  return /^(not|eq|ne|co|sw|ew|gt|lt|ge|le|pr|np)$/i.test(part);
}

function assertComparisonsHaveValues(expression: Expression, source: string): void {
  for (const value of Object.values(expression)) {
    if (Array.isArray(value)) {
      const comparisons = value.every(Array.isArray) ? (value as unknown[][]) : [value];
      for (const comparison of comparisons) {
        const operators = comparison.filter((part) => typeof part === 'string' && isOperator(part));
        const operator = String(operators[operators.length - 1] ?? '').toLowerCase();
        const operands = comparison.length - operators.length;
        if (!VALUELESS.has(operator) && operands < 1) {
          throw new ScimStoreError(
            400,
            'invalidFilter',
            `Comparison without a value in "${source}"`,
          );
        }
      }
    } else if (typeof value === 'object' && value !== null) {
      assertComparisonsHaveValues(value as Expression, source);
    }
  }
}
