import { TEXT_FIELDS, type EmployeeRecord } from '../../record/fields';

/**
 * Sign-in names made from a template such as `{firstName}.{lastName}@contoso.com`, to the
 * rules Microsoft Graph sets for userPrincipalName and mailNickname
 * (https://learn.microsoft.com/graph/api/user-post-users, "userPrincipalName": no accent
 * characters; only A-Z a-z 0-9 ' . - _ ! # ^ ~; alias@domain with a verified domain;
 * https://learn.microsoft.com/graph/api/resources/user, "mailNickname": at most 64 characters).
 */

/** The longest local part (before the @) Entra takes, and the longest mailNickname. */
export const MAX_LOCAL_PART = 64;

const PLACEHOLDER = /\{([^{}]+)\}/g;
const KNOWN_PLACEHOLDERS: ReadonlySet<string> = new Set(TEXT_FIELDS);

/** Letters NFKD does not take apart into a base letter and a mark. */
const SPELLED_OUT: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'TH',
  ı: 'i',
};

/** A template that cannot work for anyone: refused before anything is read or written. */
export class PrincipalNameTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrincipalNameTemplateError';
  }
}

/** Throws when a template names an unknown field or has no fixed @domain. */
export function assertPrincipalNameTemplate(template: string, what: string): void {
  for (const [, name] of template.matchAll(PLACEHOLDER)) {
    if (!KNOWN_PLACEHOLDERS.has(name!.trim())) {
      throw new PrincipalNameTemplateError(
        `The ${what} template "${template}" names {${name}}, which is not a field of the employee record (use e.g. {firstName}, {lastName}, {externalId}).`,
      );
    }
  }
  if (what === 'user principal name') {
    const at = template.lastIndexOf('@');
    if (at < 0 || !normaliseDomain(template.slice(at + 1)).includes('.')) {
      throw new PrincipalNameTemplateError(
        `The user principal name template "${template}" must end in @ and one of the tenant's verified domains, e.g. {firstName}.{lastName}@contoso.com.`,
      );
    }
  }
}

/** The template with each {field} replaced by the record's value (empty when it has none). */
export function fillTemplate(template: string, record: EmployeeRecord): string {
  return template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = record[name.trim() as (typeof TEXT_FIELDS)[number]];
    return typeof value === 'string' ? value.trim() : '';
  });
}

/**
 * A local part (or a mailNickname) Entra accepts: accents taken off, spaces dropped,
 * lower case, only the allowed characters, no leading, trailing or double dots, and at most
 * `MAX_LOCAL_PART - reserve` characters (room for a suffix). May be empty.
 */
export function normaliseLocalPart(text: string, reserve = 0): string {
  const plain = [...text]
    .map((char) => SPELLED_OUT[char] ?? char)
    .join('')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9'.\-_!#^~]/g, '')
    .replace(/\.{2,}/g, '.')
    .replace(/^\.+|\.+$/g, '');
  return plain.slice(0, Math.max(1, MAX_LOCAL_PART - reserve)).replace(/\.+$/, '');
}

function normaliseDomain(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, '')
    .replace(/^[.-]+|[.-]+$/g, '');
}

/** A local part with its collision number: 1 is the plain name, 2 gives `anna.smit2`. */
export function withSuffix(base: string, n: number): string {
  if (n <= 1) return base;
  const suffix = String(n);
  return `${normaliseLocalPart(base, suffix.length)}${suffix}`;
}

export interface PrincipalNameBase {
  /** The local part before any suffix. */
  local: string;
  domain: string;
  /** The mailNickname before any suffix. */
  nickname: string;
}

/**
 * The names a template gives a record, or the reason it gives none (the reason names the
 * record by its external ID and the template; nothing else of the record).
 */
export function principalNameBase(
  upnTemplate: string,
  nicknameTemplate: string | undefined,
  record: EmployeeRecord,
): PrincipalNameBase | { reason: string } {
  const filled = fillTemplate(upnTemplate, record);
  const at = filled.lastIndexOf('@');
  const local = normaliseLocalPart(at < 0 ? filled : filled.slice(0, at));
  const domain = at < 0 ? '' : normaliseDomain(filled.slice(at + 1));
  const who = `the employee with external ID ${record.externalId ?? '(none)'}`;
  if (!domain.includes('.')) {
    return {
      reason: `The user principal name template "${upnTemplate}" gives ${who} no domain after the @.`,
    };
  }
  if (local === '') {
    return {
      reason: `The user principal name template "${upnTemplate}" gives ${who} an empty name before the @ (are the fields it names empty, or made only of characters Entra does not allow?).`,
    };
  }
  const nickname = nicknameTemplate
    ? normaliseLocalPart(fillTemplate(nicknameTemplate, record).split('@')[0] ?? '')
    : local;
  if (nickname === '') {
    return {
      reason: `The mail nickname template "${nicknameTemplate}" gives ${who} an empty nickname.`,
    };
  }
  return { local, domain, nickname };
}
