/**
 * One measured run: the fake Google in one child process, the engine in another, talking over
 * loopback HTTP. The fake's memory and event loop are its own, so the engine's peak RSS and
 * wall time are the engine's.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { exited, nextMessage } from '../child-messages';
import type {
  EngineConfig,
  EngineResult,
  PeerConfig,
  PeerReply,
  PeerRequest,
  PeerStats,
} from './protocol';

const PEER = join(__dirname, 'google-peer-process.js');
const ENGINE = join(__dirname, 'engine-process.js');

export interface Measured {
  engine: EngineResult;
  peer: PeerStats;
  seedMs: number;
}

export async function measure(
  peerConfig: PeerConfig,
  engineConfig: EngineConfig,
  expected: { users: number; retitled: boolean },
): Promise<Measured> {
  const peer = fork(PEER, [JSON.stringify(peerConfig)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const ready = await nextMessage<Extract<PeerReply, { type: 'ready' }>>(peer, 'ready');
    const engine = fork(ENGINE, [JSON.stringify(engineConfig)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const result = nextMessage<EngineResult>(engine, 'result');
    engine.send({ type: 'run', credentials: ready.credentials });
    const engineResult = await result;
    const stats = nextMessage<Extract<PeerReply, { type: 'stats' }>>(peer, 'stats');
    peer.send({
      type: 'stats',
      expected: expected.users,
      retitled: expected.retitled,
    } satisfies PeerRequest);
    return { engine: engineResult, peer: (await stats).stats, seedMs: ready.seedMs };
  } finally {
    if (peer.connected) peer.send({ type: 'close' } satisfies PeerRequest);
    await exited(peer);
  }
}
