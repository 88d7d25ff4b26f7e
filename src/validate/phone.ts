import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type PhoneResult =
  | { ok: true; e164: string; mobile: boolean; kind: string }
  | { ok: false; code: 'invalid_phone' | 'phone_needs_country'; message: string };

// What people and spreadsheets put around a number; anything else (letters, "ext") is not
// repaired, so a typo is reported instead of being turned into somebody else's number.
const ALLOWED = /^[+\d\s.\-/()\u00a0]+$/;

/**
 * Repairs the usual damage (an Excel apostrophe, spaces, dots, dashes, a "(0)" trunk
 * prefix, a "00" international prefix) and returns E.164. `country` is the region for numbers
 * written without a country code: the row's own country, else the sync's default.
 */
export function normalizePhone(input: string, country: string | undefined): PhoneResult {
  let text = input.trim().replace(/^'/, '');
  if (!ALLOWED.test(text)) {
    return { ok: false, code: 'invalid_phone', message: `"${input}" is not a phone number` };
  }
  text = text.replace(/\(0\)/g, '').replace(/[\s.\-/()\u00a0]/g, '');
  if (text.startsWith('00')) text = `+${text.slice(2)}`;
  const international = text.startsWith('+');
  if (!international && !country) {
    return {
      ok: false,
      code: 'phone_needs_country',
      message: `"${input}" has no country code and the row has no valid country: write it as +<country code>…`,
    };
  }
  const parsed = international
    ? parsePhoneNumberFromString(text)
    : parsePhoneNumberFromString(text, country as CountryCode);
  // With the full ("max") metadata a number is valid exactly when it has a type, so one
  // getType() call answers both questions at half the cost of isValid() plus getType().
  const type = parsed?.getType();
  if (!parsed || type === undefined) {
    const where = international ? '' : ` for country ${country}`;
    return {
      ok: false,
      code: 'invalid_phone',
      message: `"${input}" is not a valid phone number${where}`,
    };
  }
  // PERSONAL_NUMBER (a follow-me number) usually forwards to a mobile and takes texts.
  const mobile = type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' || type === 'PERSONAL_NUMBER';
  return {
    ok: true,
    e164: parsed.number,
    mobile,
    kind: type === 'VOIP' ? 'VoIP' : type.toLowerCase().replace(/_/g, '-'),
  };
}
