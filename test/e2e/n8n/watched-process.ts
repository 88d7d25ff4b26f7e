import type { ChildProcess } from 'node:child_process';

/** What a test keeps of an n8n process it started: its output, and whether it has ended. */
export interface WatchedProcess {
  /** The last 200 kB it printed (in queue mode main logs each execution it enqueues). */
  log(): string;
  /** The last lines, for a failure's message. */
  tail(): string;
  /** Its exit code once it has ended (128 for a signal), else undefined. */
  exitCode(): number | undefined;
  /** Resolves with the exit code when it ends. */
  exited: Promise<number>;
}

export function watchProcess(child: ChildProcess): WatchedProcess {
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1))),
  );
  let exitCode: number | undefined;
  void exited.then((code) => (exitCode = code));
  return {
    log: () => log,
    tail: () => log.trim().split('\n').slice(-15).join('\n'),
    exitCode: () => exitCode,
    exited,
  };
}
