import { startSshd, type SshdPeer } from '../../peers/sshd';
import { startScimServer, type ScimPeer } from '../../peers/scim-server';
import { nightlyCredentials } from '../../peers/peer-credentials';
import { createN8nInstance, type N8nInstance } from '../n8n/n8n-instance';
import { packPackage } from '../n8n/pack-package';

/** What the nightly example needs: sshd, a SCIM server without Bulk, and an n8n with its credentials. */
export interface NightlyPeers {
  n8n: N8nInstance;
  sshd: SshdPeer;
  scim: ScimPeer;
  stop(): Promise<void>;
}

export async function startNightlyPeers(): Promise<NightlyPeers> {
  const [sshd, scim] = await Promise.all([
    startSshd({ passwordAuth: true }),
    startScimServer({ bulkMaxOperations: 0 }),
  ]);
  const n8n = await createN8nInstance({ packageTgz: await packPackage() });
  await n8n.importCredentials(nightlyCredentials(sshd, scim));
  return {
    n8n,
    sshd,
    scim,
    stop: async () => {
      await Promise.allSettled([n8n.remove(), sshd.stop(), scim.close()]);
    },
  };
}
