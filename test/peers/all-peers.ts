import { startHttpsFileServer, type HttpsFileServer } from './https-file-server';
import { startRestPlatform, type RestPeer } from './rest-platform';
import { startScimServer, type ScimPeer } from './scim-server';
import { startSshd, type SshdPeer } from './sshd';

/** Every kind of peer the nodes meet, as the e2e suites that use them all start them. */
export interface AllPeers {
  sshd: SshdPeer;
  scim: ScimPeer;
  rest: RestPeer;
  https: HttpsFileServer;
  /** Stops each peer; one that fails to stop does not keep the others running. */
  stop(): Promise<void>;
}

/** sshd with password login, SCIM without Bulk, REST with the key in the query, HTTPS files. */
export async function startAllPeers(): Promise<AllPeers> {
  const [sshd, scim, rest, https] = await Promise.all([
    startSshd({ passwordAuth: true }),
    startScimServer({ bulkMaxOperations: 0 }),
    startRestPlatform({ apiKeyIn: 'query' }),
    startHttpsFileServer(),
  ]);
  return {
    sshd,
    scim,
    rest,
    https,
    stop: async () => {
      await Promise.allSettled([sshd.stop(), scim.close(), rest.close(), https.stop()]);
    },
  };
}
