import {
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumberType,
} from 'libphonenumber-js/max';

export type PhoneResult =
  | { ok: true; e164: string; mobile: boolean; kind: string }
  | { ok: false; code: 'invalid_phone' | 'phone_needs_country'; message: string };

/**
 * What reading a number found: the costly part of `normalizePhone`, and all its result is
 * built from. Small and plain, so it is cheap to hand from one thread to another.
 */
export type PhoneReading =
  | { kind: 'valid'; e164: string; type: PhoneNumberType }
  | { kind: 'not_a_number' }
  | { kind: 'needs_country' }
  | { kind: 'invalid'; international: boolean };

// What people and spreadsheets put around a number; anything else (letters, "ext") is not
// repaired, so a typo is reported instead of being turned into somebody else's number.
const ALLOWED = /^[+\d\s.\-/()\u00a0]+$/;

/**
 * Repairs the usual damage (an Excel apostrophe, spaces, dots, dashes, a "(0)" trunk
 * prefix, a "00" international prefix) and returns E.164. `country` is the region for numbers
 * written without a country code: the row's own country, else the sync's default.
 */
export function normalizePhone(input: string, country: string | undefined): PhoneResult {
  return phoneResult(input, country, readPhone(input, country));
}

/** Repairs and reads a number (see normalizePhone), without building any message. */
export function readPhone(input: string, country: string | undefined): PhoneReading {
  let text = input.trim().replace(/^'/, '');
  if (!ALLOWED.test(text)) return { kind: 'not_a_number' };
  text = text.replace(/\(0\)/g, '').replace(/[\s.\-/()\u00a0]/g, '');
  if (text.startsWith('00')) text = `+${text.slice(2)}`;
  const international = text.startsWith('+');
  if (!international && !country) return { kind: 'needs_country' };
  const parsed = international
    ? parsePhoneNumberFromString(text)
    : parsePhoneNumberFromString(text, country as CountryCode);
  // With the full ("max") metadata a number is valid exactly when it has a type, so one
  // getType() call answers both questions at half the cost of isValid() plus getType().
  const type = parsed?.getType();
  if (!parsed || type === undefined) return { kind: 'invalid', international };
  return { kind: 'valid', e164: parsed.number, type };
}

/** The result `normalizePhone` gives for a number that was read as `reading`. */
export function phoneResult(
  input: string,
  country: string | undefined,
  reading: PhoneReading,
): PhoneResult {
  switch (reading.kind) {
    case 'not_a_number':
      return { ok: false, code: 'invalid_phone', message: `"${input}" is not a phone number` };
    case 'needs_country':
      return {
        ok: false,
        code: 'phone_needs_country',
        message: `"${input}" has no country code and the row has no valid country: write it as +<country code>…`,
      };
    case 'invalid': {
      const where = reading.international ? '' : ` for country ${country}`;
      return {
        ok: false,
        code: 'invalid_phone',
        message: `"${input}" is not a valid phone number${where}`,
      };
    }
    case 'valid': {
      const { e164, type } = reading;
      // PERSONAL_NUMBER (a follow-me number) usually forwards to a mobile and takes texts.
      const mobile =
        type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' || type === 'PERSONAL_NUMBER';
      const kind = type === 'VOIP' ? 'VoIP' : type.toLowerCase().replace(/_/g, '-');
      return { ok: true, e164, mobile, kind };
    }
  }
}
