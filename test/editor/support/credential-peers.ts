import { startAllPeers, type AllPeers } from '../../peers/all-peers';
import { startGraphServer, type GraphPeer } from '../../peers/graph/graph-server';
import { startGooglePeer, type GooglePeer } from '../../peers/google';
import { makeHrPeople } from '../../peers/hr/hr-people';
import { startBambooHr, type BambooHrPeer } from '../../peers/hr/bamboohr-server';
import { startPersonio, type PersonioPeer } from '../../peers/hr/personio-server';
import { startHiBob, type HiBobPeer } from '../../peers/hr/hibob-server';

/** A peer for each credential's Test button, as test/e2e/credential-tests.test.ts starts them. */
export interface CredentialPeers extends AllPeers {
  graph: GraphPeer;
  bamboo: BambooHrPeer;
  personio: PersonioPeer;
  hibob: HiBobPeer;
  google: GooglePeer;
}

export async function startCredentialPeers(): Promise<CredentialPeers> {
  const all = await startAllPeers();
  const others = await Promise.allSettled([
    startGraphServer(),
    startBambooHr(makeHrPeople(3)),
    startPersonio(makeHrPeople(3)),
    startHiBob(makeHrPeople(3, '300000000000000')),
    startGooglePeer(),
  ]);
  const closeStarted = () =>
    Promise.allSettled([
      all.stop(),
      ...others.map((started) =>
        started.status === 'fulfilled' ? started.value.close() : undefined,
      ),
    ]);
  const failed = others.find((started) => started.status === 'rejected');
  if (failed) {
    await closeStarted();
    throw (failed as PromiseRejectedResult).reason;
  }
  const [graph, bamboo, personio, hibob, google] = others.map(
    (started) => (started as PromiseFulfilledResult<unknown>).value,
  ) as [GraphPeer, BambooHrPeer, PersonioPeer, HiBobPeer, GooglePeer];
  return {
    ...all,
    graph,
    bamboo,
    personio,
    hibob,
    google,
    stop: async () => {
      await closeStarted();
    },
  };
}
