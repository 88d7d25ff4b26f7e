import {
  dateHint,
  isEmail,
  isIsoDate,
  isIsoDateOrDateTime,
  normalizeCountry,
  normalizeLanguage,
} from '../../../src/validate/formats';

describe('isEmail', () => {
  it.each([
    'sanne.devries@example.com',
    'j.o.s.e+hr@sub.example.co.uk',
    "o'brien@example.ie",
    'user_name-1@example-mail.nl',
    'zoë@bücher.de',
    'x@example.museum',
  ])('accepts %s', (address) => {
    expect(isEmail(address)).toBe(true);
  });

  it.each([
    ['zoe.bakker@example', 'no top-level domain'],
    ['sanne.devries.example.com', 'no @'],
    ['sanne@@example.com', 'two @'],
    ['sanne@devries@example.com', 'two @ apart'],
    ['sanne de vries@example.com', 'a space'],
    ['sanne..devries@example.com', 'two dots in a row'],
    ['.sanne@example.com', 'a leading dot'],
    ['sanne@example..com', 'an empty domain label'],
    ['sanne@-example.com', 'a label starting with a dash'],
    ['sanne@example.c', 'a one-letter top-level domain'],
    ['sanne@example.123', 'a numeric top-level domain'],
    ['@example.com', 'no local part'],
    ['sanne@', 'no domain'],
    ['<sanne@example.com>', 'angle brackets'],
    ['Sanne <sanne@example.com>', 'a display name'],
    ['sanne@example.com;jan@example.com', 'two addresses'],
    [`${'a'.repeat(250)}@example.com`, 'more than 254 characters'],
  ])('rejects %s (%s)', (address) => {
    expect(isEmail(address)).toBe(false);
  });
});

describe('isIsoDate', () => {
  it.each(['2024-01-15', '2024-02-29', '2000-02-29', '1999-12-31'])('accepts %s', (date) => {
    expect(isIsoDate(date)).toBe(true);
  });

  it.each([
    ['2023-02-29', 'not a leap year'],
    ['1900-02-29', 'century that is not a leap year'],
    ['2024-04-31', 'April has 30 days'],
    ['2024-13-01', 'month 13'],
    ['2024-00-10', 'month 0'],
    ['2024-01-00', 'day 0'],
    ['2024-1-5', 'no leading zeros'],
    ['15-01-2024', 'day first'],
    ['2024/01/15', 'slashes'],
    ['2024-01-15 10:00:00', 'a time'],
    ['20240115', 'no dashes'],
  ])('rejects %s (%s)', (date) => {
    expect(isIsoDate(date)).toBe(false);
  });
});

describe('isIsoDate against the calendar of Date.UTC', () => {
  /** What isIsoDate answered when it asked Date.UTC whether the day exists. */
  function byDateUtc(date: string): boolean {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    if (!match) return false;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const utc = new Date(Date.UTC(year, month - 1, day));
    return (
      utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day
    );
  }

  it('agrees on every month and day of years around each edge of the calendar', () => {
    const years = [
      ...Array.from({ length: 110 }, (_, i) => i),
      ...[1600, 1700, 1800, 1899, 1900, 1904, 1999, 2000, 2023, 2024, 2100, 2400, 9999],
    ];
    const pad = (value: number, width: number) => String(value).padStart(width, '0');
    const disagreements: string[] = [];
    for (const year of years) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          if (isIsoDate(date) !== byDateUtc(date)) disagreements.push(date);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe('isIsoDateOrDateTime', () => {
  it.each(['2024-01-15', '2024-01-15 10:30:00', '2024-01-15T23:59:59', '2024-02-29 00:00:00'])(
    'accepts %s',
    (value) => {
      expect(isIsoDateOrDateTime(value)).toBe(true);
    },
  );

  it.each([
    '2024-01-15 24:00:00',
    '2024-01-15 10:60:00',
    '2024-01-15 10:30:60',
    '2024-01-15 10:30',
    '2023-02-29 10:00:00',
    '15-01-2024 10:00:00',
    '2024-01-15 10:30:00Z',
  ])('rejects %s', (value) => {
    expect(isIsoDateOrDateTime(value)).toBe(false);
  });
});

describe('dateHint', () => {
  it('shows the day-first date in ISO order, zero-padded', () => {
    expect(dateHint('01-03-2015')).toBe(
      ' (write dates as YYYY-MM-DD, for example 2015-03-01 if 01 is the day)',
    );
    expect(dateHint('3/1/2015')).toContain('2015-01-03 if 3 is the day');
    expect(dateHint('31.12.2024')).toContain('2024-12-31 if 31 is the day');
  });

  it('names the format for anything else', () => {
    expect(dateHint('March 1st')).toBe(' (write dates as YYYY-MM-DD)');
  });
});

describe('normalizeCountry', () => {
  it.each([
    ['NL', 'NL'],
    ['nl', 'NL'],
    ['De', 'DE'],
    ['gb', 'GB'],
  ])('accepts %s as %s', (input, expected) => {
    expect(normalizeCountry(input)).toBe(expected);
  });

  it.each(['Nederland', 'XX', 'UK', 'NLD', 'EU', 'N', ''])('rejects %j', (input) => {
    expect(normalizeCountry(input)).toBeUndefined();
  });
});

describe('normalizeLanguage', () => {
  it.each([
    ['nl', 'nl'],
    ['NL', 'nl'],
    ['en-GB', 'en-GB'],
    ['en-gb', 'en-GB'],
    ['fr-BE', 'fr-BE'],
    ['zh-Hant-TW', 'zh-Hant-TW'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['fil', 'fil'],
    ['gsw-CH', 'gsw-CH'],
  ])('accepts %s as %s', (input, expected) => {
    expect(normalizeLanguage(input)).toBe(expected);
  });

  it.each([
    ['eng', 'en'],
    ['nld', 'nl'],
    ['ger', 'de'],
  ])('turns the three-letter code %s into its ISO 639-1 code %s', (input, expected) => {
    expect(normalizeLanguage(input)).toBe(expected);
  });

  it.each([
    ['xx', 'not an ISO 639-1 code'],
    ['english', 'a language name'],
    ['Dutch', 'a language name'],
    ['pt_BR', 'an underscore'],
    ['e', 'one letter'],
    ['esp', 'a country-style abbreviation that is no language code'],
    ['jap', 'a made-up three-letter code'],
    ['x-private', 'a private-use tag'],
    ['en--GB', 'an empty subtag'],
  ])('rejects %j (%s)', (input) => {
    expect(normalizeLanguage(input)).toBeUndefined();
  });
});
