import {
  DATE_FIELDS,
  EMAIL_FIELDS,
  PHONE_FIELDS,
  type EmployeeRecord,
  type TextField,
} from '../record/fields';
import {
  dateHint,
  isEmail,
  isIsoDate,
  isIsoDateOrDateTime,
  normalizeCountry,
  normalizeLanguage,
} from './formats';
import { normalizePhone, type PhoneResult } from './phone';
import { IssueList } from './row-issue';

export interface RowRuleOptions {
  /** Fields that must be filled; `a|b` means at least one of them. */
  required: readonly string[];
  /** Region for phone numbers without a country code when the row has no valid country. */
  defaultCountry?: string;
}

/** How a phone number is normalised: `normalizePhone`, or its answer worked out elsewhere. */
export type PhoneNormalizer = (value: string, country: string | undefined) => PhoneResult;

/** The region a row's national phone numbers are read in: its own country, else the default. */
export function phoneCountryOf(
  record: EmployeeRecord,
  options: RowRuleOptions,
): string | undefined {
  return (record.country && normalizeCountry(record.country)) || options.defaultCountry;
}

/**
 * Checks one record on its own and normalises what can be repaired without guessing
 * (country and language case, phone numbers to E.164). Adds every problem to `issues`.
 */
export function applyRowRules(
  record: EmployeeRecord,
  options: RowRuleOptions,
  issues: IssueList,
  phone: PhoneNormalizer = normalizePhone,
): void {
  checkRequired(record, options.required, issues);

  for (const field of EMAIL_FIELDS) {
    const value = record[field];
    if (value !== undefined && !isEmail(value)) {
      issues.add(field, 'invalid_email', `"${value}" is not a valid e-mail address`);
    }
  }

  if (record.country !== undefined) {
    const country = normalizeCountry(record.country);
    if (country) record.country = country;
    else
      issues.add(
        'country',
        'invalid_country',
        `"${record.country}" is not an ISO 3166-1 alpha-2 country code (such as NL, DE, GB)`,
      );
  }

  if (record.language !== undefined) {
    const language = normalizeLanguage(record.language);
    if (language) record.language = language;
    else
      issues.add(
        'language',
        'invalid_language',
        `"${record.language}" is not an ISO 639-1 language code or BCP 47 tag (such as nl, en-GB)`,
      );
  }

  const phoneCountry = phoneCountryOf(record, options);
  for (const field of PHONE_FIELDS) {
    const value = record[field];
    if (value === undefined) continue;
    const result = phone(value, phoneCountry);
    if (!result.ok) {
      issues.add(field, result.code, result.message);
      continue;
    }
    record[field] = result.e164;
    if (field !== 'businessPhone' && result.mobile === false) {
      issues.add(
        field,
        'phone_not_mobile',
        `${result.e164} is a ${result.kind} number, not a mobile one: text messages may not reach it`,
      );
    }
  }

  for (const field of DATE_FIELDS) checkDate(record, field, isIsoDate, issues);
  checkDate(record, 'archivedAt', isIsoDateOrDateTime, issues);

  const { startDate, endDate } = record;
  if (startDate && endDate && isIsoDate(startDate) && isIsoDate(endDate) && endDate < startDate) {
    issues.add(
      'endDate',
      'end_before_start',
      `end date ${endDate} is before start date ${startDate}`,
    );
  }
}

function checkRequired(
  record: EmployeeRecord,
  required: readonly string[],
  issues: IssueList,
): void {
  for (const rule of required) {
    const alternatives = alternativesOf(rule);
    if (anyFilled(record, alternatives)) continue;
    const message =
      alternatives.length === 1
        ? `${rule} is required`
        : `one of ${alternatives.join(' or ')} is required`;
    issues.add(rule, 'required', message);
  }
}

function anyFilled(record: EmployeeRecord, fields: readonly (TextField | 'tags')[]): boolean {
  for (const field of fields) {
    if (field === 'tags' ? (record.tags?.length ?? 0) > 0 : record[field] !== undefined)
      return true;
  }
  return false;
}

/** "email|mobilePhone" → its fields; a sync has a handful of rules, each read for every row. */
function alternativesOf(rule: string): readonly (TextField | 'tags')[] {
  let alternatives = requiredAlternatives.get(rule);
  if (!alternatives) {
    alternatives = rule.split('|') as (TextField | 'tags')[];
    if (requiredAlternatives.size < 1_000) requiredAlternatives.set(rule, alternatives);
  }
  return alternatives;
}

const requiredAlternatives = new Map<string, readonly (TextField | 'tags')[]>();

function checkDate(
  record: EmployeeRecord,
  field: 'startDate' | 'endDate' | 'archivedAt',
  isValid: (value: string) => boolean,
  issues: IssueList,
): void {
  const value = record[field];
  if (value === undefined || isValid(value)) return;
  const format = field === 'archivedAt' ? ' (YYYY-MM-DD or YYYY-MM-DD hh:mm:ss)' : dateHint(value);
  issues.add(field, 'invalid_date', `"${value}" is not a valid date${format}`);
}
