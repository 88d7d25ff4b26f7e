import { GraphFault, badRequest } from './graph-errors';
import { READABLE, type GraphUserRecord } from './graph-store';

/**
 * The `$filter` subset the fake understands on users ("Use the $filter query parameter",
 * https://learn.microsoft.com/graph/filter-query-parameter): `eq`, `ne`, `startswith(p,'x')`,
 * `endswith`, `in (…)`, `not`, `and`, `or`, parentheses; literals 'text' ('' escapes a quote),
 * true, false, null, numbers. String comparisons ignore case, as Entra's do.
 *
 * "Advanced query capabilities on Microsoft Entra ID objects"
 * (https://learn.microsoft.com/graph/aad-advanced-queries): `ne`, `not`, `endswith` and
 * comparisons with null work only with `ConsistencyLevel: eventual` and `$count=true`;
 * without them Graph answers 400 Request_UnsupportedQuery with the message below.
 */
export type UserPredicate = (user: GraphUserRecord) => boolean;

export interface ParsedFilter {
  matches: UserPredicate;
  /** The advanced operators used, for the 400 when the advanced parameters are missing. */
  advanced: string[];
}

export function advancedQueryRequired(operator: string): GraphFault {
  return new GraphFault(
    400,
    'Request_UnsupportedQuery',
    `Operator '${operator}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`,
  );
}

type Literal = string | number | boolean | null;

interface Token {
  kind: 'word' | 'string' | 'punct';
  text: string;
}

export function parseUserFilter(text: string): ParsedFilter {
  const parser = new Parser(tokenize(text));
  const matches = parser.expression();
  if (!parser.done()) throw invalidFilter();
  return { matches, advanced: parser.advanced };
}

function invalidFilter(): GraphFault {
  return badRequest('Invalid filter clause', 'BadRequest');
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    if (/\s/.test(char)) {
      i += 1;
    } else if (char === "'") {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= text.length) throw invalidFilter();
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += text[i];
        i += 1;
      }
      tokens.push({ kind: 'string', text: value });
    } else if ('(),'.includes(char)) {
      tokens.push({ kind: 'punct', text: char });
      i += 1;
    } else {
      const match = /^[A-Za-z0-9_.\-/@:+]+/.exec(text.slice(i));
      if (!match) throw invalidFilter();
      tokens.push({ kind: 'word', text: match[0] });
      i += match[0].length;
    }
  }
  return tokens;
}

class Parser {
  readonly advanced: string[] = [];
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  done(): boolean {
    return this.position >= this.tokens.length;
  }

  expression(): UserPredicate {
    let left = this.conjunction();
    while (this.keyword('or')) {
      const right = this.conjunction();
      const before = left;
      left = (user) => before(user) || right(user);
    }
    return left;
  }

  private conjunction(): UserPredicate {
    let left = this.unary();
    while (this.keyword('and')) {
      const right = this.unary();
      const before = left;
      left = (user) => before(user) && right(user);
    }
    return left;
  }

  private unary(): UserPredicate {
    if (this.keyword('not')) {
      this.advanced.push('not');
      const inner = this.unary();
      return (user) => !inner(user);
    }
    return this.primary();
  }

  private primary(): UserPredicate {
    if (this.punct('(')) {
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    const word = this.word();
    const lower = word.toLowerCase();
    if ((lower === 'startswith' || lower === 'endswith') && this.punct('(')) {
      const property = this.property(this.word());
      this.expect(',');
      const prefix = this.literal();
      this.expect(')');
      if (typeof prefix !== 'string') throw invalidFilter();
      if (lower === 'endswith') this.advanced.push('endsWith');
      const wanted = prefix.toLowerCase();
      return (user) => {
        const value = valueOf(user, property);
        if (typeof value !== 'string') return false;
        const have = value.toLowerCase();
        return lower === 'startswith' ? have.startsWith(wanted) : have.endsWith(wanted);
      };
    }
    const property = this.property(word);
    const operator = this.word().toLowerCase();
    if (operator === 'in') {
      this.expect('(');
      const values: Literal[] = [this.literal()];
      while (this.punct(',')) values.push(this.literal());
      this.expect(')');
      return (user) => values.some((value) => equal(valueOf(user, property), value));
    }
    if (operator !== 'eq' && operator !== 'ne') throw invalidFilter();
    const value = this.literal();
    if (operator === 'ne') this.advanced.push('ne');
    else if (value === null) this.advanced.push('eq');
    return operator === 'eq'
      ? (user) => equal(valueOf(user, property), value)
      : (user) => !equal(valueOf(user, property), value);
  }

  private property(name: string): string {
    if (!READABLE.has(name)) {
      throw badRequest(
        `Could not find a property named '${name}' on type 'microsoft.graph.user'.`,
        'BadRequest',
      );
    }
    return name;
  }

  private literal(): Literal {
    const token = this.tokens[this.position];
    if (!token) throw invalidFilter();
    this.position += 1;
    if (token.kind === 'string') return token.text;
    if (token.kind !== 'word') throw invalidFilter();
    if (token.text === 'true') return true;
    if (token.text === 'false') return false;
    if (token.text === 'null') return null;
    if (/^-?\d+(\.\d+)?$/.test(token.text)) return Number(token.text);
    throw invalidFilter();
  }

  private word(): string {
    const token = this.tokens[this.position];
    if (!token || token.kind !== 'word') throw invalidFilter();
    this.position += 1;
    return token.text;
  }

  private keyword(name: string): boolean {
    const token = this.tokens[this.position];
    if (token?.kind === 'word' && token.text.toLowerCase() === name) {
      this.position += 1;
      return true;
    }
    return false;
  }

  private punct(char: string): boolean {
    const token = this.tokens[this.position];
    if (token?.kind === 'punct' && token.text === char) {
      this.position += 1;
      return true;
    }
    return false;
  }

  private expect(char: string): void {
    if (!this.punct(char)) throw invalidFilter();
  }
}

function valueOf(user: GraphUserRecord, property: string): unknown {
  return (user as unknown as Record<string, unknown>)[property] ?? null;
}

function equal(have: unknown, want: Literal): boolean {
  if (want === null) return have === null || have === undefined;
  if (typeof want === 'string' && typeof have === 'string') {
    return have.toLowerCase() === want.toLowerCase();
  }
  return have === want;
}
