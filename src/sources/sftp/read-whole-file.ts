import type { SFTPWrapper, Stats } from 'ssh2';

/**
 * Many reads in flight at once, like ssh2's fastGet: ssh2's own readFile waits for each
 * chunk before asking for the next, which costs one round trip per chunk and makes a
 * large export slow over a long-distance link.
 */
const CHUNK_BYTES = 32 * 1024;
const READS_IN_FLIGHT = 32;

/**
 * The server ended the file before the size its stat gave, without an error: the file was
 * cut short while it was read (being rewritten, or a server fault). Half a file must never
 * pass for a whole export, since the rows missing from it would look like leavers.
 */
export class ShortReadError extends Error {
  constructor(
    readonly bytesRead: number,
    readonly expectedBytes: number,
  ) {
    super(`read ${bytesRead} of ${expectedBytes} bytes`);
    this.name = 'ShortReadError';
  }
}

/**
 * The file's bytes and the stats of the handle they were read through: exactly as many
 * bytes as the stat said, else ShortReadError.
 */
export async function readWholeFile(
  sftp: SFTPWrapper,
  path: string,
): Promise<{ data: Buffer; stats: Stats }> {
  const handle = await open(sftp, path);
  try {
    const stats = await fstat(sftp, handle);
    const data = Buffer.alloc(stats.size);
    let end = stats.size;
    let nextStart = 0;
    const reader = async () => {
      while (nextStart < stats.size) {
        const start = nextStart;
        const length = Math.min(CHUNK_BYTES, stats.size - start);
        nextStart += length;
        const got = await readRange(sftp, handle, data, start, length);
        // A file cut short while we read ends at the first short chunk.
        if (got < length) end = Math.min(end, start + got);
      }
    };
    await Promise.all(Array.from({ length: READS_IN_FLIGHT }, reader));
    if (end < stats.size) throw new ShortReadError(end, stats.size);
    return { data, stats };
  } finally {
    await close(sftp, handle);
  }
}

/** Reads until `length` bytes are in or the file ends; servers may answer short. */
async function readRange(
  sftp: SFTPWrapper,
  handle: Buffer,
  into: Buffer,
  start: number,
  length: number,
): Promise<number> {
  let got = 0;
  while (got < length) {
    const n = await read(sftp, handle, into, start + got, length - got);
    if (n === 0) break;
    got += n;
  }
  return got;
}

function read(
  sftp: SFTPWrapper,
  handle: Buffer,
  into: Buffer,
  at: number,
  length: number,
): Promise<number> {
  return new Promise((resolve, reject) =>
    sftp.read(handle, into, at, length, at, (error, bytesRead) =>
      error ? reject(error) : resolve(bytesRead),
    ),
  );
}

function open(sftp: SFTPWrapper, path: string): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    sftp.open(path, 'r', (error, handle) => (error ? reject(error) : resolve(handle))),
  );
}

function fstat(sftp: SFTPWrapper, handle: Buffer): Promise<Stats> {
  return new Promise((resolve, reject) =>
    sftp.fstat(handle, (error, stats) => (error ? reject(error) : resolve(stats))),
  );
}

/** Closing is best effort: the connection is ended right after anyway. */
function close(sftp: SFTPWrapper, handle: Buffer): Promise<void> {
  return new Promise((resolve) => sftp.close(handle, () => resolve()));
}
