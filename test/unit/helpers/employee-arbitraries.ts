import fc from 'fast-check';
import type { EmployeeRecord } from '../../../src/record/fields';
import { ISO_COUNTRIES } from '../../../src/validate/iso-codes';

/** Characters that stress a CSV writer and reader: delimiters, quotes, line breaks, formulas. */
const CSV_TROUBLE = ['"', ',', ';', '\t', '|', '\n', '\r\n', '\r', ' ', "'", '-', '=', '+', '@'];

/** Any letter of Unicode's first two planes (accents, Greek, CJK, Arabic, …). */
const anyLetter = fc
  .integer({ min: 0x41, max: 0x1ffff })
  .map((codePoint) => String.fromCodePoint(codePoint))
  .filter((char) => /^\p{L}$/u.test(char));

/**
 * Windows-1252 letters from 0xC0 up. Bytes 0x80–0xBF could make Windows-1252 text valid UTF-8
 * by chance (Ä followed by Š is C4 8A, the UTF-8 for Ċ), which no sniff can tell apart.
 */
const latin1Letter = fc.constantFrom(...'ÀÉÈÊËÎÏÔÖÙÛÜÇÑßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿ');

const asciiLetter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ019');

export type Repertoire = 'unicode' | 'windows-1252';

/**
 * A field value as the engine keeps it: trimmed, not empty, and not starting with an apostrophe
 * before a formula character (the errors CSV's neutralising mark, which reading removes).
 */
export function cellText(repertoire: Repertoire, maxLength = 14): fc.Arbitrary<string> {
  const letter = repertoire === 'unicode' ? anyLetter : latin1Letter;
  const unit = fc.oneof(
    { arbitrary: asciiLetter, weight: 3 },
    { arbitrary: letter, weight: 3 },
    { arbitrary: fc.constantFrom(...CSV_TROUBLE), weight: 2 },
  );
  return fc
    .string({ unit, minLength: 1, maxLength })
    .map((value) => value.trim())
    .filter((value) => value !== '' && !/^'[=+\-@\t\r]/.test(value));
}

/** Numbers libphonenumber knows as valid mobile numbers, already in E.164. */
const MOBILES = [
  '+31612345678',
  '+4915123456789',
  '+447911123456',
  '+33612345678',
  '+32470123456',
  '+34612345678',
  '+14155552671',
  '+819012345678',
  '+5511912345678',
  '+61412345678',
];

/** BCP 47 tags in the canonical case the check returns them in. */
const LANGUAGES = ['nl', 'en', 'de', 'fr', 'es', 'nl-BE', 'en-GB', 'pt-BR', 'zh-Hant-TW', 'es-419'];

const email = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9][a-z0-9_%+=|-]{0,8}(\.[a-z0-9]{1,5})?$/),
    fc.stringMatching(/^[a-z0-9]{1,8}$/),
    fc.constantFrom('com', 'nl', 'org', 'de'),
  )
  .map(([local, domain, top]) => `${local}@${domain}.${top}`);

/** Tags as the check returns them: lower case, trimmed, unique. */
const tags = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}( [a-z]{1,6})?$/), {
  minLength: 1,
  maxLength: 3,
});

/** A record every row rule accepts with the default required fields, and no warnings. */
export function validEmployee(repertoire: Repertoire): fc.Arbitrary<EmployeeRecord> {
  const text = cellText(repertoire);
  const optional = (arbitrary: fc.Arbitrary<string>) => fc.option(arbitrary, { nil: undefined });
  return fc
    .record({
      externalId: text,
      firstName: text,
      lastName: text,
      email,
      mobilePhone: fc.constantFrom(...MOBILES),
      country: fc.constantFrom(...ISO_COUNTRIES),
      language: fc.constantFrom(...LANGUAGES),
      department: optional(text),
      jobTitle: optional(text),
      tags: fc.option(tags, { nil: undefined }),
      location: optional(text),
    })
    .map(({ location, ...fields }): EmployeeRecord => {
      const record: EmployeeRecord = {
        custom: location === undefined ? {} : { Location: location },
      };
      for (const [field, value] of Object.entries(fields)) {
        if (value !== undefined) Object.assign(record, { [field]: value });
      }
      return record;
    });
}

/** A header naming every column validEmployee fills, as an HR export might spell it. */
export const EMPLOYEE_HEADER = [
  'Employee ID',
  'First Name',
  'Last Name',
  'E-mail',
  'Mobile Phone',
  'Country',
  'Language',
  'Department',
  'Job Title',
  'Tags',
  'Location',
];

/** The cells of one record under EMPLOYEE_HEADER. */
export function employeeCells(record: EmployeeRecord): string[] {
  return [
    record.externalId ?? '',
    record.firstName ?? '',
    record.lastName ?? '',
    record.email ?? '',
    record.mobilePhone ?? '',
    record.country ?? '',
    record.language ?? '',
    record.department ?? '',
    record.jobTitle ?? '',
    (record.tags ?? []).join(', '),
    record.custom['Location'] ?? '',
  ];
}
