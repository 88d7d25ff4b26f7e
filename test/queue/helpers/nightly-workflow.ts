import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScimServer, type ScimPeer } from '../../peers/scim-server';
import { startSshd, type SshdPeer } from '../../peers/sshd';
import { nightlyCredentials } from '../../peers/peer-credentials';
import { publishWorkflows } from '../../e2e/n8n/publish';
import { startQueueCluster, type QueueCluster } from '../n8n/queue-cluster';
import {
  loadExample,
  setParameters,
  viaWebhook,
  withoutNode,
  type Workflow,
} from '../../e2e/helpers/workflows';

/** Where the package keeps a sync's memory in the workflow's static data (see nodes/shared/sync-memory.ts). */
export const MEMORY_KEY = 'hrSyncMemory:scim-hrSyncScimPlatform';

/**
 * The nightly example as a production workflow: started by a webhook (POST
 * /webhook/<path>), as a schedule would start it, reading `folder`. No e-mail (no SMTP
 * here), and a successful run's data saved so the test can read its report and files.
 */
export function nightlyWorkflow(id: string, folder: string): Workflow {
  const example = loadExample('nightly-sftp-to-scim.manual.json', id);
  setParameters(example, 'HR Source', { folder, stableSeconds: 0 });
  setParameters(example, 'Move File to Processed', { processedFolder: `${folder}/processed` });
  // A night a brake stops ends at the If with no item: n8n would answer that with a 500.
  const workflow = viaWebhook(withoutNode(example, 'E-mail the Report'), `nightly-${id}`, 'noData');
  workflow.settings = { ...(workflow.settings as object), saveDataSuccessExecution: 'all' };
  return workflow;
}

/**
 * A queue-mode n8n running the nightly workflow from `folder` on the peers, its workers
 * sharing `memoryDir` as the sync's memory folder (which queue mode needs).
 */
export function startNightlyCluster(options: {
  workers: number;
  concurrency: number;
  memoryDir: string;
  sshd: SshdPeer;
  scim: ScimPeer;
  workflowId: string;
  folder: string;
}): Promise<QueueCluster> {
  return startQueueCluster({
    workers: options.workers,
    concurrency: options.concurrency,
    sharedMemoryDir: options.memoryDir,
    prepare: async (n8n, queueEnv) => {
      await n8n.importCredentials(nightlyCredentials(options.sshd, options.scim));
      await n8n.importWorkflow(nightlyWorkflow(options.workflowId, options.folder));
      await publishWorkflows(n8n, [options.workflowId], queueEnv);
    },
  });
}

/** The nightly run's peers: OpenSSH with a password, a SCIM server without Bulk, a memory folder. */
export interface NightlyPeers {
  sshd: SshdPeer;
  scim: ScimPeer;
  /** The folder main and every worker share as HR_SYNC_MEMORY_DIR. */
  memoryDir: string;
  stop(): Promise<void>;
}

export async function startNightlyPeers(): Promise<NightlyPeers> {
  const [sshd, scim, memoryDir] = await Promise.all([
    startSshd({ passwordAuth: true }),
    startScimServer({ bulkMaxOperations: 0 }),
    mkdtemp(join(tmpdir(), 'hr-sync-queue-memory-')),
  ]);
  return {
    sshd,
    scim,
    memoryDir,
    stop: async () => {
      await Promise.allSettled([sshd.stop(), scim.close(), rm(memoryDir, { recursive: true })]);
    },
  };
}
