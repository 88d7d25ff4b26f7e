import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runChecked } from './run-command';
import { repoRoot } from '../../support/repo-root';

const REPO_ROOT = repoRoot();
// In the git-ignored .tmp, one folder per test process so parallel workers never share a
// tarball while one of them installs it.
const PACK_ROOT = join(REPO_ROOT, '.tmp', 'pack');

/**
 * Builds the package and packs it as npm would publish it (only the `files` of
 * package.json), so the e2e tests install exactly what users would get. Returns the tgz.
 */
export function packPackage(): Promise<string> {
  // Once per test process: test files sharing a process (--runInBand) share the tarball.
  packed ??= pack();
  return packed;
}

let packed: Promise<string> | undefined;

async function pack(): Promise<string> {
  await runChecked('npm', ['run', 'build'], { cwd: REPO_ROOT, timeoutMs: 5 * 60_000 });
  await removeFoldersOfEndedProcesses();
  const destination = join(PACK_ROOT, String(process.pid));
  await mkdir(destination, { recursive: true });
  const { stdout } = await runChecked(
    'npm',
    ['pack', '--json', '--pack-destination', destination],
    { cwd: REPO_ROOT, timeoutMs: 2 * 60_000 },
  );
  // --json prints [{ filename, ... }]; lifecycle output, if any, would come before it.
  const report = JSON.parse(stdout.slice(stdout.indexOf('['))) as Array<{ filename: string }>;
  const filename = report[0]?.filename;
  if (!filename) throw new Error(`npm pack reported no file:\n${stdout}`);
  return join(destination, filename);
}

/** A test process cannot reliably clean up as it exits, so the next one does. */
async function removeFoldersOfEndedProcesses(): Promise<void> {
  const folders = await readdir(PACK_ROOT).catch(() => [] as string[]);
  for (const folder of folders) {
    const pid = Number(folder);
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) {
      await rm(join(PACK_ROOT, folder), { recursive: true, force: true });
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 only asks whether the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
