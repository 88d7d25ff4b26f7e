import { normalizePhone } from '../../../src/validate/phone';
import { checkRecord } from '../helpers/rule-harness';

describe('normalizePhone: repairs the usual damage and returns E.164', () => {
  it.each([
    // Netherlands
    ['06 12345678', 'NL', '+31612345678'],
    ["'06-12345678", 'NL', '+31612345678'],
    ['06.12.34.56.78', 'NL', '+31612345678'],
    ['06/12345678', 'NL', '+31612345678'],
    ['06\u00a012345678', 'NL', '+31612345678'],
    ['+31 (0)6 2345 6789', 'NL', '+31623456789'],
    ['0031 6 45678901', 'NL', '+31645678901'],
    ['020-123 4567', 'NL', '+31201234567'],
    // Germany
    ['0151 23456789', 'DE', '+4915123456789'],
    ['+49 (0)151 2345 6789', 'DE', '+4915123456789'],
    ['030/12345678', 'DE', '+493012345678'],
    ['0049 30 12345678', 'DE', '+493012345678'],
    // Belgium
    ['0470.12.34.56', 'BE', '+32470123456'],
    ['+32 (0)470 12 34 56', 'BE', '+32470123456'],
    ['02 555 12 12', 'BE', '+3225551212'],
    // France
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ["'+33 6 12 34 56 78", 'FR', '+33612345678'],
    ['01-23-45-67-89', 'FR', '+33123456789'],
    // United Kingdom
    ['07911 123456', 'GB', '+447911123456'],
    ['+44 (0)7911 123456', 'GB', '+447911123456'],
    ['(020) 7946 0958', 'GB', '+442079460958'],
  ])('%j in %s is %s', (input, country, e164) => {
    expect(normalizePhone(input, country)).toEqual(expect.objectContaining({ ok: true, e164 }));
  });

  it('reads an international number by its own country code, whatever the row says', () => {
    expect(normalizePhone('+49 151 23456789', 'NL')).toEqual(
      expect.objectContaining({ ok: true, e164: '+4915123456789' }),
    );
  });

  it('needs no country for a number with + or 00', () => {
    expect(normalizePhone('+31 6 12345678', undefined)).toEqual(
      expect.objectContaining({ ok: true, e164: '+31612345678' }),
    );
    expect(normalizePhone('0032 470 12 34 56', undefined)).toEqual(
      expect.objectContaining({ ok: true, e164: '+32470123456' }),
    );
  });

  it('tells mobile from fixed-line numbers', () => {
    expect(normalizePhone('06 12345678', 'NL')).toEqual(expect.objectContaining({ mobile: true }));
    expect(normalizePhone('020 123 4567', 'NL')).toEqual(
      expect.objectContaining({ mobile: false }),
    );
  });

  it.each([
    ['06-CALLME', 'NL', 'is not a phone number'],
    ['06 12345678 ext. 12', 'NL', 'is not a phone number'],
    ['n/a', 'NL', 'is not a phone number'],
    ['12345', 'BE', 'is not a valid phone number for country BE'],
    ['06 1234', 'NL', 'is not a valid phone number for country NL'],
    ['+31 6', 'NL', 'is not a valid phone number'],
    ['+999 12345678', 'NL', 'is not a valid phone number'],
    ['06 123456789012', 'NL', 'is not a valid phone number for country NL'],
  ])('rejects %j in %s as invalid_phone', (input, country, message) => {
    const result = normalizePhone(input, country);
    expect(result).toEqual(expect.objectContaining({ ok: false, code: 'invalid_phone' }));
    expect(!result.ok && result.message).toContain(message);
  });

  it('asks for a country code when there is neither a + nor a country', () => {
    const result = normalizePhone('06 12345678', undefined);
    expect(result).toEqual(expect.objectContaining({ ok: false, code: 'phone_needs_country' }));
    expect(!result.ok && result.message).toContain('write it as +<country code>');
  });

  it('rejects letters as invalid_phone even without a country', () => {
    expect(normalizePhone('call me', undefined)).toEqual(
      expect.objectContaining({ ok: false, code: 'invalid_phone' }),
    );
  });
});

describe('phone rules on a row', () => {
  it('writes the E.164 form back into the record', () => {
    const { record, issues } = checkRecord({ country: 'NL', mobilePhone: '06-12345678' });
    expect(record.mobilePhone).toBe('+31612345678');
    expect(issues).toEqual([]);
  });

  it("uses the row's country, also when written in lower case", () => {
    const { record } = checkRecord({ country: 'de', mobilePhone: '0151 23456789' });
    expect(record.mobilePhone).toBe('+4915123456789');
  });

  it("prefers the row's country over the default country", () => {
    const { record } = checkRecord(
      { country: 'BE', mobilePhone: '0470 12 34 56' },
      { defaultCountry: 'NL' },
    );
    expect(record.mobilePhone).toBe('+32470123456');
  });

  it('falls back to the default country when the row has none', () => {
    const { record, issues } = checkRecord(
      { mobilePhone: '06 12345678' },
      { defaultCountry: 'NL' },
    );
    expect(record.mobilePhone).toBe('+31612345678');
    expect(issues).toEqual([]);
  });

  it("falls back to the default country when the row's country is invalid", () => {
    const { record, issues } = checkRecord(
      { country: 'Belgie', mobilePhone: '0470 12 34 56' },
      { defaultCountry: 'BE' },
    );
    expect(record.mobilePhone).toBe('+32470123456');
    expect(issues.map((issue) => issue.code)).toEqual(['invalid_country']);
  });

  it('reports phone_needs_country when neither the row nor the sync has a country', () => {
    const { record, issues } = checkRecord({ country: 'Nederland', mobilePhone: '06 12345678' });
    expect(issues.map((issue) => [issue.field, issue.code])).toEqual([
      ['country', 'invalid_country'],
      ['mobilePhone', 'phone_needs_country'],
    ]);
    expect(record.mobilePhone).toBe('06 12345678');
  });

  it('leaves an invalid number as it was and reports it on its field', () => {
    const { record, issues } = checkRecord({ country: 'NL', businessPhone: '12345' });
    expect(record.businessPhone).toBe('12345');
    expect(issues).toEqual([
      expect.objectContaining({ field: 'businessPhone', code: 'invalid_phone', severity: 'error' }),
    ]);
  });

  it.each(['mobilePhone', 'privateMobilePhone'] as const)(
    'warns about a fixed-line number in %s but keeps it',
    (field) => {
      const { record, issues } = checkRecord({ country: 'NL', [field]: '020 123 4567' });
      expect(record[field]).toBe('+31201234567');
      expect(issues).toEqual([
        expect.objectContaining({
          field,
          code: 'phone_not_mobile',
          severity: 'warning',
          message:
            '+31201234567 is a fixed-line number, not a mobile one: text messages may not reach it',
        }),
      ]);
    },
  );

  it('names the kind of number when a VoIP number stands in a mobile field', () => {
    const { issues } = checkRecord({ country: 'NL', mobilePhone: '085 123 4567' });
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'phone_not_mobile',
        message: expect.stringContaining('VoIP'),
      }),
    ]);
  });

  it('accepts a fixed-line number in businessPhone without a warning', () => {
    const { record, issues } = checkRecord({ country: 'NL', businessPhone: '020 123 4567' });
    expect(record.businessPhone).toBe('+31201234567');
    expect(issues).toEqual([]);
  });

  it('checks each phone field on its own', () => {
    const { issues } = checkRecord({
      country: 'NL',
      mobilePhone: '06 12345678',
      privateMobilePhone: 'none',
      businessPhone: '12',
    });
    expect(issues.map((issue) => [issue.field, issue.code])).toEqual([
      ['privateMobilePhone', 'invalid_phone'],
      ['businessPhone', 'invalid_phone'],
    ]);
  });
});
