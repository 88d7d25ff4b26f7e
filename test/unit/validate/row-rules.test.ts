import {
  DEFAULT_SEVERITY,
  ISSUE_CODES,
  IssueList,
  hasErrors,
} from '../../../src/validate/row-issue';
import { checkRecord } from '../helpers/rule-harness';

describe('e-mail rules on a row', () => {
  it('checks both the work and the private address', () => {
    const { issues } = checkRecord({ email: 'jan@example', privateEmail: 'jan.example.com' });
    expect(issues).toEqual([
      expect.objectContaining({
        field: 'email',
        code: 'invalid_email',
        severity: 'error',
        message: '"jan@example" is not a valid e-mail address',
      }),
      expect.objectContaining({ field: 'privateEmail', code: 'invalid_email' }),
    ]);
  });
});

describe('country and language rules on a row', () => {
  it('repairs the case of country and language codes in the record', () => {
    const { record, issues } = checkRecord({ country: 'nl', language: 'en-gb' });
    expect(record).toEqual(expect.objectContaining({ country: 'NL', language: 'en-GB' }));
    expect(issues).toEqual([]);
  });

  it.each(['Nederland', 'XX', 'UK'])('rejects the country %j', (country) => {
    const { record, issues } = checkRecord({ country });
    expect(record.country).toBe(country);
    expect(issues).toEqual([
      expect.objectContaining({
        field: 'country',
        code: 'invalid_country',
        severity: 'error',
        message: `"${country}" is not an ISO 3166-1 alpha-2 country code (such as NL, DE, GB)`,
      }),
    ]);
  });

  it.each(['xx', 'english', 'pt_BR'])('rejects the language %j', (language) => {
    const { issues } = checkRecord({ language });
    expect(issues).toEqual([
      expect.objectContaining({ field: 'language', code: 'invalid_language', severity: 'error' }),
    ]);
  });

  it('accepts a script and region subtag', () => {
    expect(checkRecord({ language: 'zh-Hant-TW' }).issues).toEqual([]);
  });
});

describe('date rules on a row', () => {
  it.each(['startDate', 'endDate'] as const)('rejects an impossible %s', (field) => {
    const { issues } = checkRecord({ [field]: '2023-02-29' });
    expect(issues).toEqual([
      expect.objectContaining({
        field,
        code: 'invalid_date',
        severity: 'error',
        message: '"2023-02-29" is not a valid date (write dates as YYYY-MM-DD)',
      }),
    ]);
  });

  it('hints at the ISO form of a day-first date', () => {
    const { issues } = checkRecord({ startDate: '01-03-2015' });
    expect(issues[0]?.message).toBe(
      '"01-03-2015" is not a valid date (write dates as YYYY-MM-DD, for example 2015-03-01 if 01 is the day)',
    );
  });

  it('does not accept a time in startDate', () => {
    expect(checkRecord({ startDate: '2024-01-15 09:00:00' }).issues).toHaveLength(1);
  });

  it.each(['2024-01-15', '2024-01-15 17:30:00'])('accepts archivedAt %j', (archivedAt) => {
    expect(checkRecord({ archivedAt }).issues).toEqual([]);
  });

  it('names both accepted forms when archivedAt is wrong', () => {
    const { issues } = checkRecord({ archivedAt: '15-01-2024 17:30' });
    expect(issues).toEqual([
      expect.objectContaining({
        field: 'archivedAt',
        code: 'invalid_date',
        message: '"15-01-2024 17:30" is not a valid date (YYYY-MM-DD or YYYY-MM-DD hh:mm:ss)',
      }),
    ]);
  });

  it('warns, without rejecting, when the end date is before the start date', () => {
    const { issues } = checkRecord({ startDate: '2022-01-10', endDate: '2021-12-31' });
    expect(issues).toEqual([
      expect.objectContaining({
        field: 'endDate',
        code: 'end_before_start',
        severity: 'warning',
        message: 'end date 2021-12-31 is before start date 2022-01-10',
      }),
    ]);
    expect(hasErrors(issues)).toBe(false);
  });

  it('accepts an end date on the start date', () => {
    expect(checkRecord({ startDate: '2022-01-10', endDate: '2022-01-10' }).issues).toEqual([]);
  });

  it('does not compare dates when one of them is invalid', () => {
    const { issues } = checkRecord({ startDate: '10-01-2022', endDate: '2021-12-31' });
    expect(issues.map((issue) => issue.code)).toEqual(['invalid_date']);
  });
});

describe('severities', () => {
  it('makes warnings of exactly phone_not_mobile, end_before_start and manager_not_found', () => {
    const warnings = ISSUE_CODES.filter((code) => DEFAULT_SEVERITY[code] === 'warning');
    expect(warnings).toEqual(['phone_not_mobile', 'end_before_start', 'manager_not_found']);
  });

  it('lets mapping.severity turn a warning into an error', () => {
    const { issues } = checkRecord(
      { startDate: '2022-01-10', endDate: '2021-12-31' },
      { severity: { end_before_start: 'error' } },
    );
    expect(issues[0]?.severity).toBe('error');
    expect(hasErrors(issues)).toBe(true);
  });

  it('lets mapping.severity turn an error into a warning, leaving other codes alone', () => {
    const { issues } = checkRecord(
      { email: 'jan@example', country: 'Holland' },
      { severity: { invalid_email: 'warning' } },
    );
    expect(issues.map((issue) => [issue.code, issue.severity])).toEqual([
      ['invalid_email', 'warning'],
      ['invalid_country', 'error'],
    ]);
  });

  it('stamps each issue with the line and external ID of its row', () => {
    const list = new IssueList(7, 'E7');
    list.add('email', 'invalid_email', 'bad');
    expect(list.issues).toEqual([
      {
        line: 7,
        externalId: 'E7',
        field: 'email',
        code: 'invalid_email',
        severity: 'error',
        message: 'bad',
      },
    ]);
  });
});
