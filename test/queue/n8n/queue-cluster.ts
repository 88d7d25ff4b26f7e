import { randomBytes } from 'node:crypto';
import { createN8nInstance, type N8nInstance } from '../../e2e/n8n/n8n-instance';
import { startN8nServer, type N8nServer } from '../../e2e/n8n/n8n-server';
import { signUpOwner } from '../../e2e/n8n/owner';
import { packPackage } from '../../e2e/n8n/pack-package';
import { startPostgres, type PostgresPeer } from '../peers/postgres';
import { startRedis } from '../peers/redis';
import { startN8nWorker, type N8nWorker } from './n8n-worker';
import { queueModeEnvironment } from './queue-environment';
import { n8nRest, type N8nRest } from './rest';

/** One n8n in queue mode: main (`n8n start`), workers, Postgres and Redis. */
export interface QueueCluster {
  postgres: PostgresPeer;
  /** Main's instance: its user folder, and imports into the shared database. */
  n8n: N8nInstance;
  main: N8nServer;
  rest: N8nRest;
  workers: N8nWorker[];
  /** Starts one more worker (a replacement for a killed one, say). */
  addWorker(name: string): Promise<N8nWorker>;
  stop(): Promise<void>;
}

export interface QueueClusterOptions {
  workers: number;
  /** `n8n worker --concurrency` of each. */
  concurrency: number;
  /**
   * HR_SYNC_MEMORY_DIR for main and every worker: the package's memory files in one folder
   * all share (a shared volume in production). Without it each keeps its own.
   */
  sharedMemoryDir?: string;
  /**
   * Imports credentials and workflows and publishes those to run: before main starts, as
   * n8n activates published workflows (and their webhooks) only as it starts.
   */
  prepare(n8n: N8nInstance, queueEnv: Record<string, string>): Promise<void>;
}

export async function startQueueCluster(options: QueueClusterOptions): Promise<QueueCluster> {
  const [postgres, redis, packageTgz] = await Promise.all([
    startPostgres(),
    startRedis(),
    packPackage(),
  ]);
  const queueEnv = {
    ...queueModeEnvironment(postgres, redis, randomBytes(24).toString('hex')),
    ...(options.sharedMemoryDir ? { HR_SYNC_MEMORY_DIR: options.sharedMemoryDir } : {}),
  };
  let n8n: N8nInstance | undefined;
  let main: N8nServer | undefined;
  const workers: N8nWorker[] = [];
  const stop = async () => {
    await Promise.allSettled(workers.map((worker) => worker.stop()));
    await main?.stop();
    await n8n?.remove();
    await Promise.allSettled([postgres.stop(), redis.stop()]);
  };
  const addWorker = async (name: string) => {
    const worker = await startN8nWorker({
      name,
      packageTgz,
      queueEnv,
      concurrency: options.concurrency,
    });
    workers.push(worker);
    return worker;
  };
  try {
    n8n = await createN8nInstance({ packageTgz, env: queueEnv });
    await options.prepare(n8n, queueEnv);
    main = await startN8nServer(n8n, queueEnv);
    const rest = n8nRest(main, await signUpOwner(main));
    for (let index = 1; index <= options.workers; index++) await addWorker(`worker-${index}`);
    return { postgres, n8n, main, rest, workers, addWorker, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
