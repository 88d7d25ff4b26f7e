import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PackedReadings } from './phone-readings';

/** One batch of numbers for the phone worker, each with the region it is read in. */
export interface PhoneRequest {
  batch: number;
  values: string[];
  countries: (string | undefined)[];
}

/** The worker's answer: one reading per number, in the order asked. */
export interface PhoneReply {
  batch: number;
  readings: PackedReadings;
}

/** Reads batches of numbers away from the calling thread. */
export interface PhoneService {
  /** Batches asked and not answered yet. */
  readonly pending: number;
  /** One reading per number, in order; rejects if the service has failed. */
  readAll(values: string[], countries: (string | undefined)[]): Promise<PackedReadings>;
  close(): Promise<void>;
}

const WORKER_FILE = join(__dirname, 'phone-worker.js');

/**
 * Phone numbers read on a second thread. Telling a number's type (mobile or not) is the
 * most expensive check of a row, and it needs nothing but the number and a region, so it
 * can run beside the parsing of the rows that follow. The worker runs the same `readPhone`
 * as this thread would, so where a number is read never changes its result.
 */
export class PhoneThread implements PhoneService {
  private readonly worker: Worker;
  private readonly waiting = new Map<
    number,
    { resolve: (readings: PackedReadings) => void; reject: (error: Error) => void }
  >();
  private nextBatch = 0;
  private failure: Error | undefined;

  /**
   * A started thread, or undefined where there is no compiled worker to run: code run from
   * its TypeScript sources (as the unit tests are) reads every number on its own thread.
   */
  static start(workerFile = WORKER_FILE): PhoneThread | undefined {
    if (!existsSync(workerFile)) return undefined;
    try {
      return new PhoneThread(workerFile);
    } catch {
      // A host that cannot start threads still gets every number read, on its own thread.
      return undefined;
    }
  }

  private constructor(workerFile: string) {
    // The worker keeps nothing between batches, so a small young generation costs it no
    // time and keeps it from adding tens of megabytes to the process's memory.
    this.worker = new Worker(workerFile, { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    this.worker.on('message', ({ batch, readings }: PhoneReply) => {
      const waiter = this.waiting.get(batch);
      this.waiting.delete(batch);
      waiter?.resolve(readings);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the phone worker exited (${code})`)));
  }

  get pending(): number {
    return this.waiting.size;
  }

  readAll(values: string[], countries: (string | undefined)[]): Promise<PackedReadings> {
    if (this.failure) return Promise.reject(this.failure);
    const batch = this.nextBatch++;
    return new Promise((resolve, reject) => {
      this.waiting.set(batch, { resolve, reject });
      this.worker.postMessage({ batch, values, countries } satisfies PhoneRequest);
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the phone worker was closed');
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.waiting.values()) reject(this.failure);
    this.waiting.clear();
  }
}
