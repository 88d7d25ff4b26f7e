import type { PhoneNumberType } from 'libphonenumber-js/max';
import type { PhoneReading } from './phone';

/**
 * The readings of a batch of numbers packed for postMessage: a byte per number and the
 * E.164 forms as plain strings. Packed rather than sent as objects, which the receiving
 * thread would have to build and keep until the batch is finished.
 */
export interface PackedReadings {
  codes: Uint8Array;
  /** The E.164 form of each valid number; '' for the others. */
  e164s: string[];
}

const TYPES: readonly PhoneNumberType[] = [
  'MOBILE',
  'FIXED_LINE',
  'FIXED_LINE_OR_MOBILE',
  'PERSONAL_NUMBER',
  'VOIP',
  'TOLL_FREE',
  'PREMIUM_RATE',
  'SHARED_COST',
  'PAGER',
  'UAN',
  'VOICEMAIL',
];
const NOT_A_NUMBER = 250;
const NEEDS_COUNTRY = 251;
const INVALID_NATIONAL = 252;
const INVALID_INTERNATIONAL = 253;
/** A type this list does not know (a newer libphonenumber): the number is read again. */
const UNKNOWN = 255;

export function packReadings(readings: readonly PhoneReading[]): PackedReadings {
  const codes = new Uint8Array(readings.length);
  const e164s: string[] = [];
  readings.forEach((reading, index) => {
    codes[index] = codeOf(reading);
    e164s.push(reading.kind === 'valid' ? reading.e164 : '');
  });
  return { codes, e164s };
}

/** The reading at `index`; undefined when it could not be packed, so it must be read again. */
export function unpackReading(packed: PackedReadings, index: number): PhoneReading | undefined {
  const code = packed.codes[index];
  switch (code) {
    case undefined:
    case UNKNOWN:
      return undefined;
    case NOT_A_NUMBER:
      return { kind: 'not_a_number' };
    case NEEDS_COUNTRY:
      return { kind: 'needs_country' };
    case INVALID_NATIONAL:
      return { kind: 'invalid', international: false };
    case INVALID_INTERNATIONAL:
      return { kind: 'invalid', international: true };
    default: {
      const type = TYPES[code];
      const e164 = packed.e164s[index];
      return type && e164 ? { kind: 'valid', e164, type } : undefined;
    }
  }
}

function codeOf(reading: PhoneReading): number {
  switch (reading.kind) {
    case 'not_a_number':
      return NOT_A_NUMBER;
    case 'needs_country':
      return NEEDS_COUNTRY;
    case 'invalid':
      return reading.international ? INVALID_INTERNATIONAL : INVALID_NATIONAL;
    case 'valid': {
      const code = TYPES.indexOf(reading.type);
      return code === -1 ? UNKNOWN : code;
    }
  }
}
