import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CommandResult {
  /** The exit code; 128 + signal number when a signal ended the process (139 = SIGSEGV). */
  exitCode: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface CommandOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /**
   * Let the program write its standard output to a file instead of a pipe, read once it
   * has exited. Node writes to a pipe asynchronously, so a program that prints a large
   * result and then exits at once through process.exit (as `n8n execute` does after its run's JSON)
   * loses whatever the pipe had not taken yet; writes to a file are synchronous.
   */
  stdoutToFile?: boolean;
}

/** Runs a program to its end, collecting its output; a run past its timeout is killed (by its own pid). */
export function runCommand(
  program: string,
  args: readonly string[],
  options: CommandOptions = {},
): Promise<CommandResult> {
  const started = Date.now();
  const outFolder = options.stdoutToFile ? mkdtempSync(join(tmpdir(), 'hr-sync-stdout-')) : '';
  const outFd = options.stdoutToFile ? openSync(join(outFolder, 'stdout'), 'w') : undefined;
  const readStdout = (chunks: Buffer[]): string => {
    if (outFd === undefined) return Buffer.concat(chunks).toString('utf8');
    closeSync(outFd);
    const text = readFileSync(join(outFolder, 'stdout'), 'utf8');
    rmSync(outFolder, { recursive: true, force: true });
    return text;
  };
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', outFd ?? 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const result: CommandResult = {
        exitCode: code ?? 128 + (signal ? constants.signals[signal] : 0),
        stdout: readStdout(stdout),
        stderr: Buffer.concat(stderr).toString('utf8'),
        ms: Date.now() - started,
      };
      if (timedOut) {
        reject(
          Object.assign(
            new Error(`${program} ${args.join(' ')} timed out after ${options.timeoutMs} ms`),
            { result },
          ),
        );
      } else resolve(result);
    });
  });
}

/** The same run, but a non-zero exit is an error that shows what the program said. */
export async function runChecked(
  program: string,
  args: readonly string[],
  options: CommandOptions = {},
): Promise<CommandResult> {
  const result = await runCommand(program, args, options);
  if (result.exitCode !== 0) {
    throw new Error(
      `${program} ${args.join(' ')} exited with ${result.exitCode}\n${tail(result.stdout)}\n${tail(result.stderr)}`,
    );
  }
  return result;
}

function tail(text: string, lines = 40): string {
  return text.split('\n').slice(-lines).join('\n');
}
