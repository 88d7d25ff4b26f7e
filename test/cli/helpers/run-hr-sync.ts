import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The repository root: `hr-sync` runs from here, as after `npm run build`. */
export const REPO_ROOT = join(__dirname, '../../..');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/hr-sync.js …args` from the repository root and waits for it. */
export function hrSync(...args: string[]): CliResult {
  const result = spawnSync(process.execPath, ['bin/hr-sync.js', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A scratch directory under the OS temp dir, with helpers to write and read files in it. */
export class Scratch {
  readonly dir = mkdtempSync(join(tmpdir(), 'hr-sync-cli-test-'));

  path(name: string): string {
    return join(this.dir, name);
  }

  write(name: string, content: string | Buffer): string {
    const path = this.path(name);
    writeFileSync(path, content);
    return path;
  }

  read(name: string): string {
    return readFileSync(this.path(name), 'utf8');
  }

  /** Each line of a JSON-lines file, parsed. */
  jsonLines(name: string): Record<string, unknown>[] {
    return this.read(name)
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
