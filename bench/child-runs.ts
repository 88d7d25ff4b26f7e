import { fork, type ChildProcess } from 'node:child_process';

/*
 * One measured run of a benchmark that keeps the engine and the fake it talks to in two child
 * processes (bench/graph, bench/google): the fake's memory and event loop are its own, so the
 * engine's peak RSS and wall time are the engine's.
 */

/** What the two children say: the fake is ready (with the secrets the engine signs in with). */
interface Ready<C> {
  type: 'ready';
  credentials: C;
  seedMs: number;
}

export interface Measured<R, S> {
  engine: R;
  peer: S;
  seedMs: number;
}

/**
 * Starts the fake (`files.peer`, given `peerConfig`), then the engine (`files.engine`, given
 * `engineConfig`) with the fake's credentials over the process channel, never on a command
 * line; waits for the engine's result, then asks the fake what it saw (`expected`: the users
 * it should hold, and whether they were retitled tonight), and stops it.
 */
export async function measureInChildren<C, R extends { type: string }, S>(
  files: { peer: string; engine: string },
  peerConfig: unknown,
  engineConfig: unknown,
  expected: { users: number; retitled: boolean },
): Promise<Measured<R, S>> {
  const peer = fork(files.peer, [JSON.stringify(peerConfig)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const ready = await nextMessage<Ready<C>>(peer, 'ready');
    const engine = fork(files.engine, [JSON.stringify(engineConfig)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const result = nextMessage<R>(engine, 'result');
    engine.send({ type: 'run', credentials: ready.credentials });
    const engineResult = await result;
    const stats = nextMessage<{ type: 'stats'; stats: S }>(peer, 'stats');
    peer.send({ type: 'stats', expected: expected.users, retitled: expected.retitled });
    return { engine: engineResult, peer: (await stats).stats, seedMs: ready.seedMs };
  } finally {
    if (peer.connected) peer.send({ type: 'close' });
    await exited(peer);
  }
}

/** The child's next message of this type; rejects if it exits first. */
export function nextMessage<T extends { type: string }>(
  child: ChildProcess,
  type: T['type'],
): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type?: string }) => {
      if (message?.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as T);
    };
    const onExit = (code: number | null, signal: string | null) => {
      child.off('message', onMessage);
      reject(
        new Error(
          `${child.spawnfile} exited (${code ?? signal}) before sending its ${type} message`,
        ),
      );
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * The engine child's side: waits for the parent's one `run` message (which carries the
 * fake's credentials), runs, sends the result and exits once it is sent; a failure is
 * printed and exits 1, which the parent reports.
 */
export function runOnParentsMessage<C, R>(run: (credentials: C) => Promise<R>): void {
  process.once('message', (message: { type: 'run'; credentials: C }) => {
    run(message.credentials)
      .then((result) => {
        process.send?.(result, () => process.exit(0));
      })
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  });
}
