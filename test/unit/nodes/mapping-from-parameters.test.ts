import {
  mappingFromParameters,
  requiredFromParameter,
} from '../../../nodes/CsvParseValidate/mapping-from-parameters';
import { MappingError, parseMappingConfig } from '../../../src/mapping/mapping-config';

/** What mappingFromParameters throws, or fails the test when it returns. */
function thrownBy(work: () => unknown): Error {
  try {
    work();
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected an error, but the mapping was accepted');
}

/** The engine's message for a mapping, to compare the node's error with. */
function engineMessage(config: unknown): string {
  return thrownBy(() => parseMappingConfig(config)).message;
}

const column = (name: string, field: string) => ({ column: name, field });
const rule = (field: string, from: string, to: string) => ({ field, from, to });

describe('mappingFromParameters: the JSON option', () => {
  it('parses a JSON string', () => {
    const json = JSON.stringify({
      columns: { Personeelsnummer: 'externalId', Salaris: null, Vestiging: 'custom:Location' },
      values: { department: { '102': 'Supply Chain' } },
      required: ['externalId', 'email|mobilePhone'],
      defaultCountry: 'NL',
      severity: { manager_not_found: 'error' },
    });
    expect(mappingFromParameters(json, {}, {})).toEqual(JSON.parse(json));
  });

  it('takes an object as it is', () => {
    const mapping = { columns: { Nr: 'externalId' }, defaultCountry: 'BE' };
    expect(mappingFromParameters(mapping, {}, {})).toEqual(mapping);
  });

  it('treats an empty or missing option as an empty mapping', () => {
    expect(mappingFromParameters('', {}, {})).toEqual({});
    expect(mappingFromParameters('  \n ', {}, {})).toEqual({});
    expect(mappingFromParameters('{}', {}, {})).toEqual({});
    expect(mappingFromParameters(undefined, {}, {})).toEqual({});
    expect(mappingFromParameters(null, {}, {})).toEqual({});
  });

  it('does not change the object it is given', () => {
    const mapping = { columns: { Nr: 'externalId' }, values: { department: { a: 'A' } } };
    const copy = structuredClone(mapping);
    mappingFromParameters(
      mapping,
      { columns: [column('Naam', 'firstName')] },
      { rules: [rule('department', 'b', 'B')] },
    );
    expect(mapping).toEqual(copy);
  });

  it('says clearly that the option is not valid JSON', () => {
    const error = thrownBy(() =>
      mappingFromParameters('{"columns": {"Nr": "externalId",}', {}, {}),
    );
    expect(error.message).toMatch(/^The Mapping \(JSON\) option is not valid JSON: /);
    expect(error.message.length).toBeGreaterThan(
      'The Mapping (JSON) option is not valid JSON: '.length,
    );
  });

  it('surfaces the engine message for a schema error in the JSON', () => {
    const json = { columns: { Vestiging: 'location' } };
    const error = thrownBy(() => mappingFromParameters(JSON.stringify(json), {}, {}));
    expect(error).toBeInstanceOf(MappingError);
    expect(error.message).toBe(engineMessage(json));
    expect(error.message).toContain('columns.Vestiging');
  });

  it('surfaces the engine message for an unknown key and a wrong default country', () => {
    expect(thrownBy(() => mappingFromParameters({ colums: {} }, {}, {})).message).toBe(
      engineMessage({ colums: {} }),
    );
    const country = thrownBy(() => mappingFromParameters('{"defaultCountry": "UK"}', {}, {}));
    expect(country).toBeInstanceOf(MappingError);
    expect(country.message).toContain('defaultCountry');
  });

  it('rejects JSON that is not an object with the engine message', () => {
    const error = thrownBy(() => mappingFromParameters('[]', {}, {}));
    expect(error).toBeInstanceOf(MappingError);
    expect(error.message).toBe(engineMessage([]));
  });

  // `null`, a number or a string is valid JSON but not a mapping: the admin should read
  // that the mapping is not valid, not a TypeError from inside the node.
  it.each([
    ['null', {}],
    ['42', { columns: [column('Nr', 'externalId')] }],
    ['"columns"', { columns: [column('Nr', 'externalId')] }],
  ])('rejects the JSON %s as a mapping that is not valid, not with a TypeError', (json, form) => {
    const error = thrownBy(() => mappingFromParameters(json, form, {}));
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error).toBeInstanceOf(MappingError);
    expect(error.message).toMatch(/^The mapping is not valid: /);
  });
});

describe('mappingFromParameters: the column mapping form', () => {
  it('maps a column to a canonical field', () => {
    expect(
      mappingFromParameters(
        '{}',
        { columns: [column('Personeelsnummer', 'externalId'), column('Roepnaam', 'firstName')] },
        {},
      ),
    ).toEqual({ columns: { Personeelsnummer: 'externalId', Roepnaam: 'firstName' } });
  });

  it('keeps a column as a custom field under its own name with __custom', () => {
    expect(mappingFromParameters('', { columns: [column('Vestiging', '__custom')] }, {})).toEqual({
      columns: { Vestiging: 'custom:Vestiging' },
    });
  });

  it('ignores a column with __ignore', () => {
    expect(mappingFromParameters('', { columns: [column('Salaris', '__ignore')] }, {})).toEqual({
      columns: { Salaris: null },
    });
  });

  it('trims the column name and skips entries without a column or a field', () => {
    const form = {
      columns: [
        column('  Nr  ', 'externalId'),
        column('   ', 'firstName'),
        { field: 'lastName' },
        { column: 'Naam' },
        column('Dept', ''),
      ],
    };
    expect(mappingFromParameters('', form, {})).toEqual({ columns: { Nr: 'externalId' } });
  });

  it('adds the form entries to the JSON columns, the form winning on the same column', () => {
    const json = JSON.stringify({
      columns: { Nr: 'externalId', Salaris: 'custom:Salary', Afdeling: 'department' },
      defaultCountry: 'NL',
    });
    const form = { columns: [column('Salaris', '__ignore'), column('Functie', 'jobTitle')] };
    expect(mappingFromParameters(json, form, {})).toEqual({
      columns: { Nr: 'externalId', Salaris: null, Afdeling: 'department', Functie: 'jobTitle' },
      defaultCountry: 'NL',
    });
  });

  it('leaves out `columns` when neither the JSON nor the form has any', () => {
    expect(mappingFromParameters('{}', { columns: [] }, {})).not.toHaveProperty('columns');
    expect(mappingFromParameters('{}', {}, {})).not.toHaveProperty('columns');
  });

  it('surfaces the engine message for a form field that is not a canonical field', () => {
    const error = thrownBy(() =>
      mappingFromParameters('', { columns: [column('Vestiging', 'location')] }, {}),
    );
    expect(error).toBeInstanceOf(MappingError);
    expect(error.message).toBe(engineMessage({ columns: { Vestiging: 'location' } }));
  });
});

describe('mappingFromParameters: the value rules form', () => {
  it('turns the rules into value tables per field', () => {
    const rules = {
      rules: [
        rule('department', '102', 'Supply Chain'),
        rule('department', '103', 'Sales'),
        rule('country', 'Nederland', 'NL'),
      ],
    };
    expect(mappingFromParameters('', {}, rules)).toEqual({
      values: {
        department: { '102': 'Supply Chain', '103': 'Sales' },
        country: { Nederland: 'NL' },
      },
    });
  });

  it('merges the rules into the JSON values, the form winning on the same value', () => {
    const json = { values: { department: { '101': 'Finance', '102': 'Logistics' } } };
    const rules = {
      rules: [rule('department', '102', 'Supply Chain'), rule('jobTitle', 'Mgr', 'Manager')],
    };
    expect(mappingFromParameters(json, {}, rules)).toEqual({
      values: {
        department: { '101': 'Finance', '102': 'Supply Chain' },
        jobTitle: { Mgr: 'Manager' },
      },
    });
  });

  it('skips a rule without a field or a source value', () => {
    const rules = {
      rules: [
        { from: '1', to: 'A' },
        { field: 'department', to: 'B' },
      ],
    };
    expect(mappingFromParameters('', {}, rules)).toEqual({});
  });

  it('takes a missing platform value as empty text', () => {
    expect(
      mappingFromParameters('', {}, { rules: [{ field: 'department', from: 'n/a' }] }),
    ).toEqual({ values: { department: { 'n/a': '' } } });
  });

  it('combines the JSON, the columns form and the rules form in one mapping the engine accepts', () => {
    const mapping = mappingFromParameters(
      '{"required": ["externalId"], "severity": {"phone_not_mobile": "error"}}',
      { columns: [column('Nr', 'externalId'), column('Store', '__custom')] },
      { rules: [rule('Store', '7', 'Utrecht')] },
    );
    expect(mapping).toEqual({
      required: ['externalId'],
      severity: { phone_not_mobile: 'error' },
      columns: { Nr: 'externalId', Store: 'custom:Store' },
      values: { Store: { '7': 'Utrecht' } },
    });
    expect(parseMappingConfig(mapping)).toEqual(mapping);
  });
});

describe('requiredFromParameter', () => {
  it('splits on commas and trims around the | of alternatives', () => {
    expect(requiredFromParameter('externalId, email | mobilePhone')).toEqual([
      'externalId',
      'email|mobilePhone',
    ]);
  });

  it('reads the node default', () => {
    expect(
      requiredFromParameter(
        'externalId, firstName, lastName, country, language, email|mobilePhone',
      ),
    ).toEqual(['externalId', 'firstName', 'lastName', 'country', 'language', 'email|mobilePhone']);
  });

  it('drops empty entries and empty alternatives', () => {
    expect(requiredFromParameter(' externalId ,, , email || | mobilePhone |, ')).toEqual([
      'externalId',
      'email|mobilePhone',
    ]);
  });

  it('gives nothing for an empty text', () => {
    expect(requiredFromParameter('')).toEqual([]);
    expect(requiredFromParameter(' , | ')).toEqual([]);
  });

  it('keeps names as written, for the node to report unknown ones', () => {
    expect(requiredFromParameter('externalId, mobile')).toEqual(['externalId', 'mobile']);
  });
});
