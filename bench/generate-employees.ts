import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * A seeded generator of realistic, messy employee exports: accented names, phone numbers
 * typed by hand, a manager tree, and now and then a row with a known defect. The same seed
 * gives the same file, so tests and benchmarks are repeatable.
 */
export interface GenerateOptions {
  rows: number;
  seed?: number;
  /** One row in this many carries a defect (0: none). */
  badRowEvery?: number;
  delimiter?: string;
}

export const GENERATED_HEADER = [
  'Employee ID',
  'First Name',
  'Last Name',
  'E-mail',
  'Private E-mail',
  'Mobile Phone',
  'Business Phone',
  'Country',
  'Language',
  'Department',
  'Job Title',
  'Manager Employee ID',
  'Start Date',
  'End Date',
  'Tags',
  'Location',
];

/** The defect a bad row carries, and the issue code the check must report for it. */
export const DEFECTS = [
  { name: 'bad e-mail', code: 'invalid_email' },
  { name: 'impossible phone', code: 'invalid_phone' },
  { name: 'missing last name', code: 'required' },
  { name: 'day-first date', code: 'invalid_date' },
  { name: 'duplicate ID', code: 'duplicate_external_id' },
  { name: 'unknown country', code: 'invalid_country' },
] as const;

const FIRST = [
  'Anna',
  'Zoë',
  'José',
  'Jürgen',
  'Amélie',
  'Søren',
  'Łukasz',
  'Inês',
  'Noah',
  'Émile',
  'Björn',
  'Chloé',
  'Mårten',
  'Ørjan',
  'François',
  'Sanne',
  'Ana-Lucía',
  "D'Arcy",
  'Mohammed',
  'Yağmur',
];
const LAST = [
  'de Vries',
  'Müller',
  'García',
  'Dubois',
  'Østergaard',
  'Nowak',
  'Gonçalves',
  'Jansen',
  "O'Brien",
  'Kovač',
  'Smith, Jr.',
  'Lindqvist',
  'Peeters',
  'van den Berg',
  'Šimić',
  'Weiß',
  'Andrés',
  'Çelik',
  'Nuñez',
  'Brontë',
];
const DEPARTMENTS = [
  'Supply Chain',
  'Sales',
  'Finance',
  'Customer Service',
  'Logistics',
  'HR',
  'IT; Infrastructure',
  'Retail',
];
const TITLES = [
  'Picker',
  'Driver',
  'Account Manager',
  'Team Lead',
  'Analyst',
  'Agent',
  'Store Manager',
  'Engineer "Level 2"',
];
const LOCATIONS = [
  'Amsterdam',
  'Rotterdam',
  'Berlin',
  'Lyon',
  'Antwerpen',
  'Madrid',
  'Leeds',
  'Malmö',
];
const TAGS = ['warehouse', 'field', 'office', 'night shift', 'first aid'];

/** Country, language and a messy but valid mobile number written the way people type it. */
const COUNTRIES: {
  country: string;
  language: string;
  mobile: (digits: string, style: number) => string;
}[] = [
  {
    country: 'NL',
    language: 'nl',
    mobile: (d, s) =>
      [
        `06 ${d.slice(0, 8)}`,
        `+31 (0)6 ${d.slice(0, 4)} ${d.slice(4, 8)}`,
        `0031 6 ${d.slice(0, 8)}`,
        `'+316${d.slice(0, 8)}`,
        `06-${d.slice(0, 8)}`,
      ][s]!,
  },
  {
    country: 'DE',
    language: 'de',
    mobile: (d, s) =>
      [
        `0151 ${d.slice(0, 8)}`,
        `+49 151 ${d.slice(0, 8)}`,
        `0049-151-${d.slice(0, 8)}`,
        `(0151) ${d.slice(0, 4)} ${d.slice(4, 8)}`,
        `+49 (0)151 ${d.slice(0, 8)}`,
      ][s]!,
  },
  {
    country: 'FR',
    language: 'fr',
    mobile: (d, s) =>
      [
        `06 ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4, 6)} ${d.slice(6, 8)}`,
        `+33 6 ${d.slice(0, 8)}`,
        `06.${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}.${d.slice(6, 8)}`,
        `0033 6 ${d.slice(0, 8)}`,
        `+33 (0)6 ${d.slice(0, 8)}`,
      ][s]!,
  },
  {
    country: 'BE',
    language: 'nl-BE',
    mobile: (d, s) =>
      [
        `0470 ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4, 6)}`,
        `+32 470 ${d.slice(0, 6)}`,
        `0470/${d.slice(0, 6)}`,
        `0032 470 ${d.slice(0, 6)}`,
        `+32 (0)470 ${d.slice(0, 6)}`,
      ][s]!,
  },
  {
    country: 'GB',
    language: 'en-GB',
    mobile: (d, s) =>
      [
        `07411 ${d.slice(0, 6)}`,
        `+44 7411 ${d.slice(0, 6)}`,
        `0044 7411 ${d.slice(0, 6)}`,
        `+44 (0)7411 ${d.slice(0, 6)}`,
        `07411-${d.slice(0, 6)}`,
      ][s]!,
  },
  {
    country: 'ES',
    language: 'es',
    mobile: (d, s) =>
      [
        `6${d.slice(0, 2)} ${d.slice(2, 5)} ${d.slice(5, 8)}`,
        `+34 6${d.slice(0, 8)}`,
        `0034 6${d.slice(0, 8)}`,
        `6${d.slice(0, 8)}`,
        `+34-6${d.slice(0, 2)}-${d.slice(2, 8)}`,
      ][s]!,
  },
];

/** mulberry32: small, fast and good enough for test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const employeeId = (index: number): string => `E${String(index + 1).padStart(7, '0')}`;

/** The rows (header first) of a generated export, one array of fields per row. */
export function* generateEmployeeRows(options: GenerateOptions): Generator<string[]> {
  const random = seededRandom(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const digits = (count: number) => {
    let text = '';
    for (let i = 0; i < count; i++) text += Math.floor(random() * 10);
    return text;
  };
  yield GENERATED_HEADER;
  for (let i = 0; i < options.rows; i++) {
    const place = pick(COUNTRIES);
    const first = pick(FIRST);
    const last = pick(LAST);
    const login = `${first}.${last}`
      .normalize('NFD')
      .replace(/[^A-Za-z.]/g, '')
      .replace(/\.+$/, '')
      .toLowerCase();
    const start = `${2005 + Math.floor(random() * 19)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    const row = [
      employeeId(i),
      first,
      last,
      `${login}.${i}@example.com`,
      random() < 0.3 ? `${login}${i}@mail.example.org` : '',
      // These first digits keep every country's generated mobile number in an assigned range.
      place.mobile(`${pick(['1', '2', '4', '5'])}${digits(7)}`, Math.floor(random() * 5)),
      random() < 0.2 ? `+31 20 ${digits(7)}` : '',
      random() < 0.1 ? place.country.toLowerCase() : place.country,
      place.language,
      pick(DEPARTMENTS),
      pick(TITLES),
      i === 0 ? '' : employeeId(Math.floor((i - 1) / 8)),
      start,
      '',
      random() < 0.5 ? `${pick(TAGS)}, ${pick(TAGS)}` : '',
      pick(LOCATIONS),
    ];
    const every = options.badRowEvery ?? 0;
    if (every > 0 && i % every === every - 1) spoil(row, Math.floor(i / every) % DEFECTS.length, i);
    yield row;
  }
}

function spoil(row: string[], defect: number, index: number): void {
  switch (DEFECTS[defect]!.code) {
    case 'invalid_email':
      row[3] = `no-at-sign.example.com`;
      break;
    case 'invalid_phone':
      row[5] = '12345';
      break;
    case 'required':
      row[2] = '';
      break;
    case 'invalid_date':
      row[12] = '31-12-2020';
      break;
    case 'duplicate_external_id':
      row[0] = employeeId(index - 1);
      break;
    case 'invalid_country':
      row[7] = 'Nederland';
      break;
  }
}

export function toCsvLine(fields: readonly string[], delimiter = ','): string {
  return fields
    .map((field) =>
      field.includes(delimiter) || field.includes('"') || field.includes('\n')
        ? `"${field.replace(/"/g, '""')}"`
        : field,
    )
    .join(delimiter);
}

/** The whole generated file as text (for tests; use writeEmployeeFile for big files). */
export function generateEmployeeCsv(options: GenerateOptions): string {
  let text = '';
  for (const row of generateEmployeeRows(options))
    text += `${toCsvLine(row, options.delimiter)}\r\n`;
  return text;
}

/** Streams a generated file to disk without holding it in memory. */
export async function writeEmployeeFile(path: string, options: GenerateOptions): Promise<void> {
  const out = createWriteStream(path);
  let buffer = '';
  for (const row of generateEmployeeRows(options)) {
    buffer += `${toCsvLine(row, options.delimiter)}\r\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}
