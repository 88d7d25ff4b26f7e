import { ISO_COUNTRIES, ISO_LANGUAGES } from './iso-codes';

// Pragmatic, not RFC 5322: one @, no spaces, a dotted domain. What mail servers and the
// target platforms accept in practice.
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\u0080-\uffff-]+@(?:[A-Za-z0-9\u0080-\uffff](?:[A-Za-z0-9\u0080-\uffff-]{0,61}[A-Za-z0-9\u0080-\uffff])?\.)+[A-Za-z\u0080-\uffff]{2,}$/;

export function isEmail(value: string): boolean {
  return (
    EMAIL.test(value) && !value.includes('..') && !value.startsWith('.') && value.length <= 254
  );
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** YYYY-MM-DD, and a day that exists on the calendar. */
export function isIsoDate(value: string): boolean {
  const match = DATE.exec(value);
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** YYYY-MM-DD or YYYY-MM-DD hh:mm:ss, as `archived_at` is written. */
export function isIsoDateOrDateTime(value: string): boolean {
  if (isIsoDate(value)) return true;
  const match = DATE_TIME.exec(value);
  if (!match) return false;
  const [hours, minutes, seconds] = [Number(match[4]), Number(match[5]), Number(match[6])];
  return (
    isRealDate(Number(match[1]), Number(match[2]), Number(match[3])) &&
    hours < 24 &&
    minutes < 60 &&
    seconds < 60
  );
}

/** A hint for the date spellings people type most, so the message says how to fix it. */
export function dateHint(value: string): string {
  const dayFirst = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  if (dayFirst) {
    const [, a, b, year] = dayFirst;
    return ` (write dates as YYYY-MM-DD, for example ${year}-${b!.padStart(2, '0')}-${a!.padStart(2, '0')} if ${a} is the day)`;
  }
  return ' (write dates as YYYY-MM-DD)';
}

/** An ISO 3166-1 alpha-2 code in any case, returned upper-case; undefined if not one. */
export function normalizeCountry(value: string): string | undefined {
  const upper = value.toUpperCase();
  return ISO_COUNTRIES.has(upper) ? upper : undefined;
}

// The languages ICU has a name for: how a three-letter primary subtag is told to be a real
// language (fil, gsw) rather than an abbreviation that only looks like one (esp, jap).
const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * ISO 639-1 (`nl`) or a BCP 47 tag (`nl-BE`, `zh-Hant-TW`), returned in canonical case;
 * undefined when it is neither. The primary subtag must be a real two-letter code, or a
 * three-letter one where ISO 639-1 has none.
 */
export function normalizeLanguage(value: string): string | undefined {
  // A file holds a handful of distinct languages; Intl's canonicalisation is slow per call.
  const known = languageCache.get(value);
  if (known !== undefined) return known ?? undefined;
  const result = canonicalLanguage(value);
  if (languageCache.size < 10_000) languageCache.set(value, result ?? null);
  return result;
}

const languageCache = new Map<string, string | null>();

function canonicalLanguage(value: string): string | undefined {
  let canonical: string;
  try {
    [canonical = ''] = Intl.getCanonicalLocales(value);
  } catch {
    return undefined;
  }
  const primary = canonical.split('-')[0] ?? '';
  if (primary.length === 2) return ISO_LANGUAGES.has(primary) ? canonical : undefined;
  if (primary.length === 3) {
    return /^[a-z]{3}$/.test(primary) && LANGUAGE_NAMES.of(primary) !== undefined
      ? canonical
      : undefined;
  }
  return undefined;
}
