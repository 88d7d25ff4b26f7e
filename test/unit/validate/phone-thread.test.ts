import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PhoneThread } from '../../../src/validate/phone-thread';

/**
 * The real worker only exists compiled (test/cli runs it); here a stand-in speaks the same
 * protocol: it echoes each number as its "E.164" form, and dies on the number "crash".
 */
const STAND_IN = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ batch, values }) => {
  if (values.includes('crash')) throw new Error('the worker crashed');
  const readings = { codes: new Uint8Array(values.length), e164s: values };
  setTimeout(() => parentPort.postMessage({ batch, readings }), values.length);
});
`;

let directory: string;
let workerFile: string;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'phone-thread-test-'));
  workerFile = join(directory, 'stand-in.js');
  writeFileSync(workerFile, STAND_IN);
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('PhoneThread', () => {
  it('starts no thread without a compiled worker', () => {
    expect(PhoneThread.start(join(directory, 'missing.js'))).toBeUndefined();
  });

  it('answers each batch with its own readings, whatever order they come back in', async () => {
    const thread = PhoneThread.start(workerFile)!;
    try {
      const slow = thread.readAll(['a', 'b', 'c', 'd', 'e', 'f'], Array(6).fill('NL'));
      const fast = thread.readAll(['g'], ['NL']);
      expect(thread.pending).toBe(2);
      expect((await fast).e164s).toEqual(['g']);
      expect((await slow).e164s).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
      expect(thread.pending).toBe(0);
    } finally {
      await thread.close();
    }
  });

  it('fails every waiting and later batch once the worker dies', async () => {
    const thread = PhoneThread.start(workerFile)!;
    try {
      const waiting = thread.readAll(['x', 'y', 'z', 'w'], Array(4).fill('NL'));
      await expect(thread.readAll(['crash'], ['NL'])).rejects.toThrow('the worker crashed');
      await expect(waiting).rejects.toThrow('the worker crashed');
      await expect(thread.readAll(['again'], ['NL'])).rejects.toThrow('the worker crashed');
      expect(thread.pending).toBe(0);
    } finally {
      await thread.close();
    }
  });

  it('refuses batches once closed', async () => {
    const thread = PhoneThread.start(workerFile)!;
    await thread.close();
    await expect(thread.readAll(['a'], ['NL'])).rejects.toThrow('closed');
  });
});
