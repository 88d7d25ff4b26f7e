import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { moveSftpFile } from '../../../src/sources/sftp';
import { withSftp } from '../../../src/sources/sftp/session';
import { rename } from '../../../src/sources/sftp/sftp-calls';
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

const onDisk = (relativePath: string) => fs.readFile(join(peer.root, relativePath), 'utf8');
const exists = (relativePath: string) =>
  fs.stat(join(peer.root, relativePath)).then(
    () => true,
    () => false,
  );

describe('moveSftpFile', () => {
  it('moves the file into a processed folder it creates, and returns the new path', async () => {
    await peer.put('inbox/employees.csv', 'id\n1\n');

    const moved = await moveSftpFile(passwordConnection(peer), 'inbox/employees.csv', 'processed');

    expect(moved).toBe('processed/employees.csv');
    expect(await onDisk('processed/employees.csv')).toBe('id\n1\n');
    expect(await exists('inbox/employees.csv')).toBe(false);
  });

  it('creates a nested folder chain', async () => {
    await peer.put('inbox/nested.csv', 'n');

    const moved = await moveSftpFile(
      passwordConnection(peer),
      'inbox/nested.csv',
      'archive/2024/05',
    );

    expect(moved).toBe('archive/2024/05/nested.csv');
    expect(await onDisk('archive/2024/05/nested.csv')).toBe('n');
  });

  it('never overwrites: on a name clash the moved file gets a timestamp before its extension', async () => {
    await peer.put('done/clash.csv', 'yesterday');
    await peer.put('inbox/clash.csv', 'today');

    const moved = await moveSftpFile(passwordConnection(peer), 'inbox/clash.csv', 'done');

    expect(moved).toMatch(/^done\/clash_\d{8}T\d{6}Z\.csv$/);
    expect(await onDisk(moved)).toBe('today');
    expect(await onDisk('done/clash.csv')).toBe('yesterday');
  });

  it('keeps every file when the same name is moved three times in one second', async () => {
    const names: string[] = [];
    for (const content of ['first', 'second', 'third']) {
      await peer.put('inbox/repeat.csv', content);
      names.push(await moveSftpFile(passwordConnection(peer), 'inbox/repeat.csv', 'repeats'));
    }

    expect(new Set(names).size).toBe(3);
    const contents = await Promise.all(names.map((name) => onDisk(name)));
    expect(contents).toEqual(['first', 'second', 'third']);
  });

  it('relies on an SFTP rename that refuses to replace a file appearing after the check', async () => {
    await peer.put('race/target.csv', 'there first');
    await peer.put('race/source.csv', 'late');

    const renamed = withSftp(passwordConnection(peer), (sftp) =>
      rename(sftp, 'race/source.csv', 'race/target.csv'),
    );

    await expect(renamed).rejects.toMatchObject({ name: 'SourceError' });
    expect(await onDisk('race/target.csv')).toBe('there first');
  });

  it('moves with absolute paths', async () => {
    const from = await peer.put('inbox/absolute.csv', 'a');
    const toFolder = join(peer.root, 'absolute-done');

    const moved = await moveSftpFile(passwordConnection(peer), from, toFolder);

    expect(moved).toBe(join(toFolder, 'absolute.csv'));
    expect(await fs.readFile(moved, 'utf8')).toBe('a');
  });

  it('fails with not_found naming the file when there is nothing to move', async () => {
    const error = await sourceErrorOf(
      moveSftpFile(passwordConnection(peer), 'inbox/gone.csv', 'processed'),
    );

    expect(error.code).toBe('not_found');
    expect(error.path).toBe('inbox/gone.csv');
    expect(error.message).toContain('inbox/gone.csv');
    expectNoSecrets(error, secretsOf(peer));
  });

  it('refuses a target folder whose path runs through a file', async () => {
    await peer.put('blocker', 'i am a file');
    await peer.put('inbox/blocked.csv', 'b');

    const error = await sourceErrorOf(
      moveSftpFile(passwordConnection(peer), 'inbox/blocked.csv', 'blocker/done'),
    );

    expect(error.code).toBe('protocol');
    expect(error.message).toContain('blocker is a file, not a folder');
    expect(await exists('inbox/blocked.csv')).toBe(true);
  });
});
