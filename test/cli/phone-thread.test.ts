import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { generateEmployeeCsv } from '../../bench/generate-employees';
import type * as Engine from '../../src';
import type * as Phones from '../../src/validate/phone';
import type * as PhoneReadings from '../../src/validate/phone-readings';
import type * as PhoneThreads from '../../src/validate/phone-thread';
import { REPO_ROOT, Scratch, hrSync } from './helpers/run-hr-sync';

/**
 * The phone worker only exists compiled (the unit tests run the TypeScript sources, where
 * every number is read on the calling thread), so these tests use the build, as hr-sync does.
 */
const BUILT = join(REPO_ROOT, 'dist/src');

let engine: typeof Engine;
let threads: typeof PhoneThreads;
let phones: typeof Phones;
let packing: typeof PhoneReadings;
let scratch: Scratch;
let file: string;

beforeAll(async () => {
  engine = (await import(BUILT)) as typeof Engine;
  threads = (await import(join(BUILT, 'validate/phone-thread'))) as typeof PhoneThreads;
  phones = (await import(join(BUILT, 'validate/phone'))) as typeof Phones;
  packing = (await import(join(BUILT, 'validate/phone-readings'))) as typeof PhoneReadings;
  scratch = new Scratch();
  // Enough rows for the phone thread to start, with a planted defect every 60 rows.
  file = scratch.write(
    'employees.csv',
    generateEmployeeCsv({ rows: 8_000, seed: 99, badRowEvery: 60 }),
  );
});

afterAll(() => {
  scratch.remove();
});

/** Said of the file so that the thread starts after 1,024 rows, as in a large export. */
const AS_LARGE = { sizeBytes: 64 * 2 ** 20 };

/** Everything a check hands on, in order, its report, and how many phone threads it started. */
async function check(phoneThread: boolean) {
  const start = threads.PhoneThread.start.bind(threads.PhoneThread);
  let started = 0;
  const spy = jest.spyOn(threads.PhoneThread, 'start').mockImplementation((...args) => {
    const thread = start(...args);
    if (thread) started += 1;
    return thread;
  });
  try {
    return { ...(await checkBoth(phoneThread)), started };
  } finally {
    spy.mockRestore();
  }
}

async function checkBoth(phoneThread: boolean) {
  const rows: unknown[] = [];
  const report = await engine.checkCsv(
    createReadStream(file),
    { phoneThread, ...AS_LARGE },
    {
      valid: (row) => {
        rows.push(row);
      },
      rejected: (row) => {
        rows.push(row);
      },
    },
  );
  const reportOnly = await engine.checkCsv(createReadStream(file), { phoneThread, ...AS_LARGE });
  return { report, rows, reportOnly };
}

describe('the phone thread (built)', () => {
  it('reads numbers on a worker as this thread would', async () => {
    const thread = threads.PhoneThread.start();
    expect(thread).toBeDefined();
    try {
      const values = ['06 12345678', '020 123 4567', '12345', '06 12345678', 'call me', '+999 1'];
      const countries = ['NL', 'NL', 'BE', undefined, 'NL', 'NL'];
      const readings = await thread!.readAll(values, countries);
      expect(readings.e164s.slice(0, 2)).toEqual(['+31612345678', '+31201234567']);
      expect(values.map((_, i) => packing.unpackReading(readings, i))).toEqual(
        values.map((value, i) => phones.readPhone(value, countries[i])),
      );
    } finally {
      await thread!.close();
    }
  });

  it('starts in a file said to be large, and changes nothing a check hands on or reports', async () => {
    const [withThread, withoutThread] = [await check(true), await check(false)];
    // One thread for the check that hands rows on, one for the report-only check.
    expect(withThread.started).toBe(2);
    expect(withoutThread.started).toBe(0);
    expect(withThread.rows).toHaveLength(8_000);
    expect(withThread.rows).toEqual(withoutThread.rows);
    expect(withThread.report).toEqual(withoutThread.report);
    expect(withThread.reportOnly).toEqual(withoutThread.report);
    expect(withThread.report.issueCounts.invalid_phone).toBeGreaterThan(0);
  });

  it('waits for 16,384 rows in a file of unknown or small size', async () => {
    const rows: unknown[] = [];
    const start = jest.spyOn(threads.PhoneThread, 'start');
    try {
      await engine.checkCsv(createReadStream(file), {}, { valid: (row) => void rows.push(row) });
      expect(start).not.toHaveBeenCalled();
      expect(rows.length).toBeGreaterThan(7_000);
    } finally {
      start.mockRestore();
    }
  });

  it('gives hr-sync check the same report as a check in one thread', async () => {
    const result = hrSync('check', file, '--json');
    expect(result.stderr).toBe('');
    const { report } = await check(false);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify(report)));
  });
});
