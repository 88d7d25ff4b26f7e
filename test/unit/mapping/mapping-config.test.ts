import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_REQUIRED,
  MappingError,
  parseMappingConfig,
} from '../../../src/mapping/mapping-config';

/** The message parseMappingConfig throws for `json`, or fails the test. */
function mappingError(json: unknown): string {
  try {
    parseMappingConfig(json);
  } catch (error) {
    if (error instanceof MappingError) return error.message;
    throw error;
  }
  throw new Error(`parseMappingConfig accepted ${JSON.stringify(json)}`);
}

describe('parseMappingConfig', () => {
  it('accepts the example Dutch mapping', () => {
    const path = join(__dirname, '../../../examples/data/mapping-nl.json');
    const config = parseMappingConfig(JSON.parse(readFileSync(path, 'utf8')));
    expect(config.columns?.Vestiging).toBe('custom:Location');
    expect(config.values?.department?.['102']).toBe('Supply Chain');
    expect(config.defaultCountry).toBe('NL');
  });

  it('accepts every setting at once', () => {
    const config = {
      columns: { Nr: 'externalId', Salary: null, Store: 'custom:Store' },
      values: { department: { '1': 'Sales' } },
      required: ['externalId', 'email|mobilePhone'],
      defaultCountry: 'be',
      severity: { manager_not_found: 'error', invalid_email: 'warning' },
    };
    expect(parseMappingConfig(config)).toEqual(config);
  });

  it('accepts an empty mapping', () => {
    expect(parseMappingConfig({})).toEqual({});
  });

  it('rejects an unknown top-level key', () => {
    const message = mappingError({ colums: {} });
    expect(message).toMatch(/^The mapping is not valid: /);
    expect(message).toContain('(top level)');
    expect(message).toContain("'colums'");
  });

  it('rejects a column mapped to something that is not a field, naming the column', () => {
    expect(mappingError({ columns: { Vestiging: 'location' } })).toContain('columns.Vestiging');
  });

  it('rejects custom: without a name', () => {
    expect(mappingError({ columns: { Store: 'custom:' } })).toContain('columns.Store');
  });

  it('rejects a required field that does not exist, naming its position', () => {
    const message = mappingError({ required: ['externalId', 'email|mobile'] });
    expect(message).toContain('required.1');
    expect(message).toContain('must name canonical fields');
  });

  it('rejects an unknown issue code and an unknown severity', () => {
    expect(mappingError({ severity: { manager_missing: 'warning' } })).toContain(
      'severity.manager_missing',
    );
    expect(mappingError({ severity: { invalid_email: 'fatal' } })).toContain(
      'severity.invalid_email',
    );
  });

  it('rejects a default country that is not two letters', () => {
    expect(mappingError({ defaultCountry: 'NLD' })).toContain(
      'defaultCountry: must be an ISO 3166-1 alpha-2 code',
    );
  });

  it.each(['UK', 'XX', 'EU'])(
    'rejects the unassigned country code %s as default country',
    (code) => {
      expect(mappingError({ defaultCountry: code })).toContain('defaultCountry');
    },
  );

  it('rejects a value rule whose target is not text', () => {
    expect(mappingError({ values: { department: { '102': 7 } } })).toContain(
      'values.department.102',
    );
  });

  it('lists every problem, separated by semicolons', () => {
    const message = mappingError({ defaultCountry: 'N', required: ['nope'] });
    expect(message).toContain('defaultCountry');
    expect(message).toContain('required.0');
    expect(message).toContain('; ');
  });

  it.each([[null], [[]], ['columns']])('rejects %j as a whole', (json) => {
    expect(mappingError(json)).toContain('(top level)');
  });
});

describe('DEFAULT_REQUIRED', () => {
  it('requires the ID, names, country, language and a way to reach the employee', () => {
    expect(DEFAULT_REQUIRED).toEqual([
      'externalId',
      'firstName',
      'lastName',
      'country',
      'language',
      'email|mobilePhone',
    ]);
  });
});
