import type { PostgresPeer } from '../peers/postgres';
import type { RedisPeer } from '../peers/redis';

/**
 * What every process of one queue-mode n8n shares: the mode, the Postgres database, the
 * Redis queue and the encryption key (credentials are encrypted by main and decrypted by
 * workers). Passed as n8nEnvironment's extra settings, over its SQLite default.
 */
export function queueModeEnvironment(
  postgres: PostgresPeer,
  redis: RedisPeer,
  encryptionKey: string,
): Record<string, string> {
  return {
    EXECUTIONS_MODE: 'queue',
    DB_TYPE: 'postgresdb',
    DB_POSTGRESDB_HOST: postgres.host,
    DB_POSTGRESDB_PORT: String(postgres.port),
    DB_POSTGRESDB_DATABASE: postgres.database,
    DB_POSTGRESDB_USER: postgres.user,
    DB_POSTGRESDB_PASSWORD: postgres.password,
    QUEUE_BULL_REDIS_HOST: redis.host,
    QUEUE_BULL_REDIS_PORT: String(redis.port),
    QUEUE_BULL_REDIS_PASSWORD: redis.password,
    N8N_ENCRYPTION_KEY: encryptionKey,
    // Left unset on purpose: n8n 2.41 defaults the binary data mode to `database` in queue
    // mode, which is what lets main read the Sync Report's files a worker wrote. The test
    // asserts that mode on the binaries. (N8N_DEFAULT_BINARY_DATA_MODE=filesystem would
    // keep them in the worker's own folder, which main cannot read.)
    //
    // A killed worker's job: its Bull lock lapses after QUEUE_WORKER_LOCK_DURATION, and the
    // next stalled-job check (QUEUE_WORKER_STALLED_INTERVAL) fails it, as n8n allows no
    // stalled job to run again (maxStalledCount 0). n8n's defaults (60 s, 30 s) are shortened
    // so that a test waits seconds, not minutes; the lock is still renewed every 2 s.
    QUEUE_WORKER_LOCK_DURATION: '10000',
    QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
    QUEUE_WORKER_STALLED_INTERVAL: '5000',
  };
}
