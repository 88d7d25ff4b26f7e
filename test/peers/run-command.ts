import { spawn } from 'node:child_process';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command for the test peers' set-up (ssh-keygen, useradd, openssl). With `check`
 * (the default) a non-zero exit rejects with the command's stderr, so a failed set-up
 * says why.
 */
export function run(
  command: string,
  args: string[],
  options: { input?: string; check?: boolean; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const stdin = options.input === undefined ? 'ignore' : 'pipe';
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: [stdin, 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const result = { code: code ?? -1, stdout, stderr };
      if (result.code !== 0 && options.check !== false) {
        reject(new Error(`${command} ${args.join(' ')} exited with ${result.code}: ${stderr}`));
      } else {
        resolve(result);
      }
    });
    if (options.input !== undefined) {
      // A command that exits without reading its input must not fail the run with EPIPE.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(options.input);
    }
  });
}
