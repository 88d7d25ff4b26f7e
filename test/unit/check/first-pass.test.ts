import { generateEmployeeRows } from '../../../bench/generate-employees';
import { FirstPass, type CheckedRow, type RowChecks } from '../../../src/check/first-pass';
import { planColumns } from '../../../src/mapping/column-plan';
import { DEFAULT_REQUIRED } from '../../../src/mapping/mapping-config';
import { ValueRules } from '../../../src/mapping/to-record';
import { readPhone } from '../../../src/validate/phone';
import { packReadings, type PackedReadings } from '../../../src/validate/phone-readings';
import type { PhoneService } from '../../../src/validate/phone-thread';

/** A header and rows of a generated export, with a defect every 50 rows. */
function generated(rows: number): string[][] {
  return [...generateEmployeeRows({ rows, seed: 7, badRowEvery: 50 })];
}

/**
 * A phone thread that answers on timers, later batches first, so answers arrive out of
 * order; optionally failing from its third batch on.
 */
class FakePhoneThread implements PhoneService {
  pending = 0;
  asked = 0;
  closed = false;

  constructor(private readonly failFromBatch = Infinity) {}

  readAll(values: string[], countries: (string | undefined)[]): Promise<PackedReadings> {
    const batch = ++this.asked;
    this.pending++;
    return new Promise((resolve, reject) => {
      setTimeout(
        () => {
          this.pending--;
          if (batch >= this.failFromBatch) reject(new Error('the worker died'));
          else resolve(packReadings(values.map((value, i) => readPhone(value, countries[i]))));
        },
        Math.max(0, 12 - batch * 3),
      );
    });
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

async function firstPass(rows: string[][], thread?: PhoneService): Promise<CheckedRow[]> {
  const [header, ...data] = rows;
  const checks: RowChecks = {
    plan: planColumns(header!),
    rules: new ValueRules(),
    ruleOptions: { required: DEFAULT_REQUIRED, defaultCountry: 'NL' },
    severity: {},
    startPhoneThread: thread ? () => thread : undefined,
  };
  const checked: CheckedRow[] = [];
  const pass = new FirstPass(checks, (row) => {
    checked.push(row);
  });
  for (const [index, fields] of data.entries()) await pass.add(index + 2, fields);
  await pass.end();
  return checked;
}

describe('FirstPass', () => {
  const rows = generated(6_000);
  let inThisThread: CheckedRow[];

  beforeAll(async () => {
    inThisThread = await firstPass(rows);
  });

  it('checks every row, in file order', () => {
    expect(inThisThread.map((row) => row.line)).toEqual(
      Array.from({ length: 6_000 }, (_, i) => i + 2),
    );
    expect(inThisThread.some((row) => row.issues.some((i) => i.code === 'invalid_phone'))).toBe(
      true,
    );
  });

  it('gives the same rows, records and issues when a phone thread answers out of order', async () => {
    const thread = new FakePhoneThread();
    expect(await firstPass(rows, thread)).toEqual(inThisThread);
    expect(thread.asked).toBeGreaterThan(1);
    expect(thread.closed).toBe(true);
  });

  it('normalises the numbers itself once the phone thread fails, with the same result', async () => {
    const thread = new FakePhoneThread(3);
    expect(await firstPass(rows, thread)).toEqual(inThisThread);
    expect(thread.asked).toBeGreaterThanOrEqual(3);
  });

  it('never starts a phone thread for a small file', async () => {
    const thread = new FakePhoneThread();
    const small = generated(500);
    expect(await firstPass(small, thread)).toEqual(await firstPass(small));
    expect(thread.asked).toBe(0);
  });
});
