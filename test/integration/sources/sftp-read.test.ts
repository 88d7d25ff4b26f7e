import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { readSftpFile } from '../../../src/sources/sftp';
import { startSshd, type SshdPeer } from '../../peers/sshd';
import {
  expectNoSecrets,
  passwordConnection,
  secretsOf,
  sourceErrorOf,
} from './helpers/source-errors';

let peer: SshdPeer;

beforeAll(async () => {
  peer = await startSshd();
});

afterAll(async () => {
  await peer?.stop();
});

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

describe('readSftpFile', () => {
  it('reads a file by its path, with its name, size and modification time', async () => {
    const modifiedAt = new Date('2024-05-01T08:30:00Z');
    await peer.put('exact/employees.csv', 'id;name\n1;Ada\n', { modifiedAt });

    const file = await readSftpFile(passwordConnection(peer), { path: 'exact/employees.csv' });

    expect(file).toEqual({
      path: 'exact/employees.csv',
      fileName: 'employees.csv',
      size: 14,
      modifiedAt,
      data: Buffer.from('id;name\n1;Ada\n'),
    });
  });

  it('reads an absolute path', async () => {
    const absolute = await peer.put('absolute/e.csv', 'x\n');

    const file = await readSftpFile(passwordConnection(peer), { path: absolute });

    expect(file.path).toBe(absolute);
    expect(file.data.toString()).toBe('x\n');
  });

  it('reads a multi-megabyte file byte for byte, and an empty one', async () => {
    // Not a multiple of the read chunk, so the last short chunk is covered.
    const big = randomBytes(3 * 1024 * 1024 + 12_345);
    await peer.put('big/large.csv', big);
    await peer.put('big/empty.csv', '');

    const large = await readSftpFile(passwordConnection(peer), { path: 'big/large.csv' });
    const empty = await readSftpFile(passwordConnection(peer), { path: 'big/empty.csv' });

    expect(large.size).toBe(big.length);
    expect(large.data.equals(big)).toBe(true);
    expect(empty.size).toBe(0);
    expect(empty.data.length).toBe(0);
  });

  it('picks the newest file matching the pattern by modification time, not by name', async () => {
    await peer.put('inbox/employees_2024-05-03.csv', 'old', { modifiedAt: daysAgo(3) });
    await peer.put('inbox/employees_2024-05-01.csv', 'newest', { modifiedAt: daysAgo(1) });
    await peer.put('inbox/employees_2024-05-02.csv', 'middle', { modifiedAt: daysAgo(2) });
    // Newer still, but each is not a candidate: another name, a partial upload, a folder.
    await peer.put('inbox/payroll_2024-05-04.csv', 'other', { modifiedAt: daysAgo(0) });
    await peer.put('inbox/.employees_2024-05-04.csv', 'partial', { modifiedAt: daysAgo(0) });
    await peer.put('inbox/employees_folder.csv/inside.txt', 'x');
    await fs.utimes(join(peer.root, 'inbox/employees_folder.csv'), new Date(), new Date());

    const file = await readSftpFile(passwordConnection(peer), {
      folder: 'inbox',
      pattern: 'employees_*.csv',
    });

    expect(file.path).toBe('inbox/employees_2024-05-01.csv');
    expect(file.data.toString()).toBe('newest');
  });

  it('looks in the login folder when a pattern comes without a folder', async () => {
    await peer.put('toplevel_export_1.csv', 'top');

    const file = await readSftpFile(passwordConnection(peer), { pattern: 'toplevel_export_?.csv' });

    expect(file.path).toBe('toplevel_export_1.csv');
  });

  it('fails with no_match naming the folder and the pattern when nothing matches', async () => {
    await peer.put('empty-inbox/readme.txt', 'nothing to sync');

    const error = await sourceErrorOf(
      readSftpFile(passwordConnection(peer), { folder: 'empty-inbox', pattern: 'employees_*.csv' }),
    );

    expect(error.code).toBe('no_match');
    expect(error.path).toBe('empty-inbox');
    expect(error.message).toContain('"empty-inbox"');
    expect(error.message).toContain('"employees_*.csv"');
    expect(error.message).toContain(`127.0.0.1:${peer.port}`);
    expectNoSecrets(error, secretsOf(peer));
  });

  it('fails with not_found naming the path of a missing file', async () => {
    const error = await sourceErrorOf(
      readSftpFile(passwordConnection(peer), { path: 'inbox/missing.csv' }),
    );

    expect(error.code).toBe('not_found');
    expect(error.path).toBe('inbox/missing.csv');
    expect(error.host).toBe(`127.0.0.1:${peer.port}`);
    expect(error.message).toContain('inbox/missing.csv');
    expectNoSecrets(error, secretsOf(peer));
  });

  it('fails with not_found naming a missing folder to search', async () => {
    const error = await sourceErrorOf(
      readSftpFile(passwordConnection(peer), { folder: 'no-such-folder', pattern: '*.csv' }),
    );

    expect(error.code).toBe('not_found');
    expect(error.message).toContain('no-such-folder');
    expectNoSecrets(error, secretsOf(peer));
  });

  it('fails with not_found when the path is a folder, saying to use a pattern', async () => {
    await peer.put('a-folder/file.csv', 'x');

    const error = await sourceErrorOf(readSftpFile(passwordConnection(peer), { path: 'a-folder' }));

    expect(error.code).toBe('not_found');
    expect(error.message).toMatch(/is not a file but a folder/);
  });

  it('fails with not_found before connecting when neither a path nor a pattern is given', async () => {
    const error = await sourceErrorOf(readSftpFile(passwordConnection(peer), { folder: 'inbox' }));

    expect(error.code).toBe('not_found');
    expect(error.message).toContain('give the file');
  });
});

describe('readSftpFile waiting for a stable size', () => {
  it('waits while the file grows, then reads all of it', async () => {
    const path = await peer.put('growing/employees.csv', 'id\n');
    const appended: string[] = ['id\n'];
    let rows = 0;
    const appender = setInterval(() => {
      const row = `${(rows += 1)}\n`;
      appended.push(row);
      void fs.appendFile(path, row);
    }, 100);
    setTimeout(() => clearInterval(appender), 1200);
    const started = Date.now();

    const file = await readSftpFile(passwordConnection(peer), {
      path: 'growing/employees.csv',
      stableSizeWaitMs: 400,
    });

    clearInterval(appender);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1200);
    expect(file.data.toString()).toBe(appended.join(''));
    expect(file.size).toBe(Buffer.byteLength(appended.join('')));
  });

  it('reads a file that holds still after one wait', async () => {
    await peer.put('still/employees.csv', 'id\n1\n');
    const started = Date.now();

    const file = await readSftpFile(passwordConnection(peer), {
      path: 'still/employees.csv',
      stableSizeWaitMs: 200,
    });

    expect(file.data.toString()).toBe('id\n1\n');
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  it('fails with unstable when the file keeps growing through every check', async () => {
    const path = await peer.put('endless/employees.csv', 'id\n');
    const appender = setInterval(() => void fs.appendFile(path, 'row\n'), 30);
    try {
      const error = await sourceErrorOf(
        readSftpFile(passwordConnection(peer), {
          path: 'endless/employees.csv',
          stableSizeWaitMs: 100,
        }),
      );

      expect(error.code).toBe('unstable');
      expect(error.path).toBe('endless/employees.csv');
      expect(error.message).toContain('endless/employees.csv');
      expectNoSecrets(error, secretsOf(peer));
    } finally {
      clearInterval(appender);
    }
  });
});
