/**
 * The benchmarks' seeded employees, made the same way wherever a bench needs them (in the
 * engine's process as HR records, in a fake's as the users a previous sync left), so that
 * no process has to send 100,000 of them to another. Employee n (from 1) is E000001…; every
 * last name carries n, so every sign-in name or address made from the names is free.
 */
const FIRST_NAMES = [
  'Anna',
  'Zoë',
  'José',
  'Jürgen',
  'Amélie',
  'Søren',
  'Inês',
  'Noah',
  'Chloé',
  'Sanne',
];
const LAST_NAMES = [
  'de Vries',
  'Müller',
  'García',
  'Dubois',
  'Nowak',
  'Jansen',
  'Peeters',
  'Brontë',
];
const JOB_TITLES = ['Picker', 'Driver', 'Account Manager', 'Team Lead', 'Analyst', 'Store Manager'];
const DEPARTMENTS = ['Logistics', 'Sales', 'Finance', 'Stores', 'IT', 'People'];
const COUNTRIES = [
  ['NL', 'nl'],
  ['BE', 'nl'],
  ['DE', 'de'],
  ['FR', 'fr'],
] as const;

export interface PoolEmployee {
  externalId: string;
  firstName: string;
  lastName: string;
  /** +31 6 then eight digits: a valid Dutch mobile number for every n below 9,000,000. */
  mobilePhone: string;
  department: string;
  jobTitle: string;
  country: string;
  language: string;
}

export function externalIdOf(n: number): string {
  return `E${String(n).padStart(6, '0')}`;
}

/** Every hundredth employee has a new job title tonight: 1% of N. */
export function isChanged(n: number): boolean {
  return n % 100 === 0;
}

/** Employee n as last night's sync left it (a bench adds its e-mail and what else it needs). */
export function poolEmployee(n: number): PoolEmployee {
  const [country, language] = COUNTRIES[n % COUNTRIES.length]!;
  return {
    externalId: externalIdOf(n),
    firstName: FIRST_NAMES[n % FIRST_NAMES.length]!,
    lastName: `${LAST_NAMES[n % LAST_NAMES.length]!} ${n}`,
    mobilePhone: `+316${10_000_000 + n}`,
    department: DEPARTMENTS[n % DEPARTMENTS.length]!,
    jobTitle: JOB_TITLES[n % JOB_TITLES.length]!,
    country,
    language,
  };
}
