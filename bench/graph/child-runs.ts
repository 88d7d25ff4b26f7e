/** One measured run of the Graph bench: the fake Graph and the engine in their own processes. */
import { join } from 'node:path';
import { measureInChildren, type Measured as ChildRun } from '../child-runs';
import type { EngineConfig, EngineResult, PeerConfig, PeerReply, PeerStats } from './protocol';

const FILES = {
  peer: join(__dirname, 'graph-peer-process.js'),
  engine: join(__dirname, 'engine-process.js'),
};

export type Measured = ChildRun<EngineResult, PeerStats>;

type Credentials = Extract<PeerReply, { type: 'ready' }>['credentials'];

export function measure(
  peerConfig: PeerConfig,
  engineConfig: EngineConfig,
  expectRetitled: boolean,
): Promise<Measured> {
  return measureInChildren<Credentials, EngineResult, PeerStats>(FILES, peerConfig, engineConfig, {
    users: engineConfig.count,
    retitled: expectRetitled,
  });
}
