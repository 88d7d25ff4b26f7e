/**
 * readWholeFile against a fake SFTP channel whose reads can be made to come back short
 * without an error, which a real sshd cannot be made to do.
 */
import type { SFTPWrapper, Stats } from 'ssh2';
import { readWholeFile, ShortReadError } from '../../../src/sources/sftp/read-whole-file';
import { toSourceError } from '../../../src/sources/sftp/ssh-errors';

interface FakeOptions {
  /** The size fstat reports. */
  size: number;
  /** The bytes the server really gives; reads past them answer 0 bytes (end of file). */
  content: Buffer;
  /** The most bytes one read answers with (servers may answer short). */
  maxPerRead?: number;
}

function fakeSftp({ size, content, maxPerRead = Infinity }: FakeOptions) {
  const closed: Buffer[] = [];
  const handle = Buffer.from('h1');
  const sftp = {
    open: (_path: string, _flags: string, cb: (error: Error | undefined, h: Buffer) => void) =>
      setImmediate(() => cb(undefined, handle)),
    fstat: (_h: Buffer, cb: (error: Error | undefined, stats: Stats) => void) =>
      setImmediate(() => cb(undefined, { size, mtime: 1_700_000_000 } as Stats)),
    read: (
      _h: Buffer,
      into: Buffer,
      offset: number,
      length: number,
      position: number,
      cb: (error: Error | undefined, bytesRead: number) => void,
    ) =>
      setImmediate(() => {
        const available = Math.max(0, Math.min(length, maxPerRead, content.length - position));
        if (available > 0) content.copy(into, offset, position, position + available);
        cb(undefined, available);
      }),
    close: (h: Buffer, cb: () => void) => {
      closed.push(h);
      setImmediate(cb);
    },
  };
  return { sftp: sftp as unknown as SFTPWrapper, closed };
}

const bytes = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => i % 251));

describe('readWholeFile', () => {
  it('reads every byte of a file of several chunks', async () => {
    const content = bytes(200_000);
    const { sftp, closed } = fakeSftp({ size: content.length, content });

    const { data } = await readWholeFile(sftp, 'in/e.csv');

    expect(data.equals(content)).toBe(true);
    expect(closed).toHaveLength(1);
  });

  it('keeps asking when the server answers each read with fewer bytes than asked', async () => {
    const content = bytes(100_000);
    const { sftp } = fakeSftp({ size: content.length, content, maxPerRead: 1000 });

    const { data } = await readWholeFile(sftp, 'in/e.csv');

    expect(data.equals(content)).toBe(true);
  });

  it.each([
    ['in the last chunk', 199_999],
    ['in the middle', 70_000],
    ['at the start', 0],
  ])(
    'rejects a read that ends short of the size stat gave, %s, and closes the handle',
    async (_where, got) => {
      const { sftp, closed } = fakeSftp({ size: 200_000, content: bytes(got) });

      const error = await readWholeFile(sftp, 'in/e.csv').catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ShortReadError);
      expect(error).toMatchObject({ bytesRead: got, expectedBytes: 200_000 });
      expect(closed).toHaveLength(1);
    },
  );
});

describe('a short read as the admin sees it', () => {
  it('is a SourceError naming the path, the server and both sizes', () => {
    const error = toSourceError(new ShortReadError(70_000, 200_000), {
      connection: { host: 'sftp.example.com', port: 2222, username: 'hr', password: 'pw-secret' },
      path: 'in/e.csv',
      action: 'read',
    });

    expect(error.code).toBe('unstable');
    expect(error.host).toBe('sftp.example.com:2222');
    expect(error.path).toBe('in/e.csv');
    expect(error.message).toContain('in/e.csv');
    expect(error.message).toContain('sftp.example.com:2222');
    expect(error.message).toContain('70000 of its 200000 bytes');
    expect(error.message).toContain('Nothing was read');
  });
});
