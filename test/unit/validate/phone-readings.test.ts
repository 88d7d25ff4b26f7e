import { readPhone, type PhoneReading } from '../../../src/validate/phone';
import { packReadings, unpackReading } from '../../../src/validate/phone-readings';

describe('packReadings and unpackReading', () => {
  it('give back every kind of reading as it was', () => {
    const readings: PhoneReading[] = [
      readPhone('06 12345678', 'NL'),
      readPhone('020 123 4567', 'NL'),
      readPhone('+44 800 123 4567', undefined),
      readPhone('06-CALLME', 'NL'),
      readPhone('06 12345678', undefined),
      readPhone('12345', 'BE'),
      readPhone('+999 12345678', 'NL'),
    ];
    expect(readings.map((reading) => reading.kind)).toEqual([
      'valid',
      'valid',
      'valid',
      'not_a_number',
      'needs_country',
      'invalid',
      'invalid',
    ]);
    const packed = packReadings(readings);
    expect(readings.map((_, index) => unpackReading(packed, index))).toEqual(readings);
  });

  it('leaves a reading of a type it does not know to be read again', () => {
    const unknown = { kind: 'valid', e164: '+31612345678', type: 'SATELLITE' } as never;
    const packed = packReadings([unknown]);
    expect(unpackReading(packed, 0)).toBeUndefined();
  });

  it('has nothing past the end of the batch', () => {
    expect(unpackReading(packReadings([readPhone('06 12345678', 'NL')]), 1)).toBeUndefined();
  });
});
