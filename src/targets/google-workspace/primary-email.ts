import type { EmployeeRecord } from '../../record/fields';

/** Letters NFKD does not take apart into a base letter and marks. */
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/**
 * A name part fit for an address's local part: diacritics stripped (José → jose, Ærø →
 * aero), lower case, and only the characters Google allows in a user name (letters,
 * digits, dashes, underscores, apostrophes and dots:
 * https://support.google.com/a/answer/9193374), with spaces and apostrophes dropped so
 * "Anne Marie" and "O'Brien" become "annemarie" and "obrien".
 */
export function normaliseNamePart(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => SPECIAL_LETTERS[letter] ?? letter)
    .replace(/[\s']+/g, '')
    .replace(/[^a-z0-9._-]/g, '');
}

/**
 * The primary e-mail a template gives a record: `{firstName}.{lastName}@example.com`, with
 * `{field}` any record field (or `custom.<name>`), and `{field:1}` its first letter. The
 * local part loses doubled, leading and trailing dots. Undefined when a named field is
 * empty (no address such as ".doe@example.com").
 */
export function emailFromTemplate(template: string, record: EmployeeRecord): string | undefined {
  const at = template.lastIndexOf('@');
  if (at <= 0) return undefined;
  let missing = false;
  const local = template
    .slice(0, at)
    .replace(/\{([^}:]+)(?::(\d+))?\}/g, (_, name: string, length?: string) => {
      const raw = fieldText(record, name.trim());
      const part = normaliseNamePart(raw);
      if (!part) missing = true;
      return length ? part.slice(0, Number(length)) : part;
    });
  const cleaned = local.replace(/\.{2,}/g, '.').replace(/^[.]+|[.]+$/g, '');
  if (missing || !cleaned) return undefined;
  return `${cleaned}@${template
    .slice(at + 1)
    .trim()
    .toLowerCase()}`;
}

/** The address with a collision suffix: jane.doe@x → jane.doe2@x (n ≥ 2). */
export function withSuffix(email: string, n: number): string {
  if (n < 2) return email;
  const at = email.lastIndexOf('@');
  return `${email.slice(0, at)}${n}${email.slice(at)}`;
}

function fieldText(record: EmployeeRecord, name: string): string {
  if (name.startsWith('custom.')) return record.custom?.[name.slice('custom.'.length)] ?? '';
  const value = (record as unknown as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}
