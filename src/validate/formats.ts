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

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;
const DASH = 0x2d;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether the day exists in the (proleptic Gregorian) calendar. Years before 100 are not
 * real dates here, as they were not when this was asked of Date.UTC, which reads them as
 * 1900-1999. Worked out rather than asked of a Date: this runs for every date of every row.
 */
function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1]! + (month === 2 && leap ? 1 : 0);
}

/** YYYY-MM-DD, and a day that exists on the calendar. */
export function isIsoDate(value: string): boolean {
  if (value.length !== 10 || value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) {
    return false;
  }
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 7);
  const day = digitsAt(value, 8, 10);
  return year !== -1 && month !== -1 && day !== -1 && isRealDate(year, month, day);
}

/** The number written in ASCII digits from `start` to `end`, or -1 if any is not a digit. */
function digitsAt(value: string, start: number, end: number): number {
  let number = 0;
  for (let index = start; index < end; index++) {
    const digit = value.charCodeAt(index) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
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
