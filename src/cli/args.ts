import { unknownRequiredFields } from '../mapping/mapping-config';
import { normalizeCountry } from '../validate/formats';

/** The `hr-sync check` command line, parsed without a dependency. */
export interface CheckArgs {
  file: string;
  delimiter?: string;
  encoding?: string;
  header: boolean;
  columns?: string[];
  mapping?: string;
  defaultCountry?: string;
  required?: string[];
  validOut?: string;
  errorsOut?: string;
  json: boolean;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage: hr-sync check FILE [options]

Reads an employee CSV and reports, line by line, what is wrong with it.

Options:
  --delimiter D          , ; tab or | (default: sniffed)
  --encoding E           utf-8, utf-16le, utf-16be, windows-1252/latin1 (default: sniffed)
  --no-header            the file has no header row; name the columns with --columns
  --columns a,b,c        column names, in order, for a file without a header row
  --mapping FILE         JSON: columns, values, required, defaultCountry, severity
  --default-country CC   region for phone numbers without a country code
  --required a,b|c       required fields (b|c: one of them), replacing the defaults
  --valid-out FILE       write the valid records as JSON lines
  --errors-out FILE      write the rejected rows as a CSV with an errors column
  --json                 print the report as one JSON object

Exit status: 0 every row valid, 1 some rows invalid, 2 the file cannot be read.`;

const VALUE_OPTIONS = new Set([
  '--delimiter',
  '--encoding',
  '--columns',
  '--mapping',
  '--default-country',
  '--required',
  '--valid-out',
  '--errors-out',
]);

export function parseCheckArgs(argv: readonly string[]): CheckArgs {
  const [command, ...rest] = argv;
  if (command !== 'check')
    throw new UsageError(command ? `Unknown command "${command}".` : 'No command given.');
  const values = new Map<string, string>();
  const files: string[] = [];
  let header = true;
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    if (name === '--no-header') header = false;
    else if (name === '--json') json = true;
    else if (VALUE_OPTIONS.has(name)) {
      const value = inline ?? rest[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value.`);
      values.set(name, value);
    } else if (name.startsWith('--')) throw new UsageError(`Unknown option ${name}.`);
    else files.push(arg);
  }
  if (files.length !== 1) throw new UsageError('Give exactly one FILE to check.');
  const list = (name: string) =>
    values
      .get(name)
      ?.split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const columns = list('--columns');
  if (!header && !columns) throw new UsageError('--no-header needs --columns naming each column.');
  const required = list('--required');
  const defaultCountry = values.get('--default-country');
  assertRequiredFields(required);
  assertCountry(defaultCountry);
  return {
    file: files[0]!,
    delimiter: parseDelimiter(values.get('--delimiter')),
    encoding: values.get('--encoding'),
    header,
    columns,
    mapping: values.get('--mapping'),
    defaultCountry,
    required,
    validOut: values.get('--valid-out'),
    errorsOut: values.get('--errors-out'),
    json,
  };
}

// Checked here as the mapping file's schema checks them: a misspelt field would otherwise
// reject every row ("emial is required"), and an unknown country every national number.
function assertRequiredFields(required: string[] | undefined): void {
  const unknown = unknownRequiredFields(required ?? []);
  if (unknown.length) {
    throw new UsageError(
      `--required names unknown fields (${unknown.join(', ')}): use field names such as externalId, email, mobilePhone.`,
    );
  }
}

function assertCountry(country: string | undefined): void {
  if (country !== undefined && !normalizeCountry(country)) {
    throw new UsageError(
      `--default-country must be an ISO 3166-1 alpha-2 code such as NL, not "${country}".`,
    );
  }
}

function parseDelimiter(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const named: Record<string, string> = {
    tab: '\t',
    '\\t': '\t',
    comma: ',',
    semicolon: ';',
    pipe: '|',
  };
  const delimiter = named[value.toLowerCase()] ?? value;
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new UsageError(`--delimiter must be one character such as , ; | or tab, not "${value}".`);
  }
  return delimiter;
}
