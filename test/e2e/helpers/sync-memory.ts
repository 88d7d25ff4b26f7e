import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { N8nInstance } from '../n8n/n8n-instance';

/**
 * Writes a sync's memory file as an earlier run of that workflow would have left it, for a
 * story that starts before the first night in n8n (a former employee this sync archived
 * last year). The path is the one nodes/shared/sync-memory.ts reads under N8N_USER_FOLDER,
 * or under HR_SYNC_MEMORY_DIR when `at` names that folder instead of an instance.
 */
export async function seedSyncMemory(
  at: N8nInstance | { memoryDir: string },
  where: { workflowId: string; platform: 'scim' | 'rest'; credentialId: string },
  memory: { owned?: Record<string, string>; archivedBySync?: Record<string, string> },
): Promise<void> {
  const root = 'memoryDir' in at ? at.memoryDir : join(at.userFolder, '.n8n', 'hr-sync-memory');
  const folder = join(root, where.workflowId);
  await mkdir(folder, { recursive: true });
  await writeFile(
    join(folder, `${where.platform}-${where.credentialId}.json`),
    JSON.stringify({
      // Ahead of any revision the workflow's static data holds, so this memory wins on load.
      revision: 1_000_000,
      owned: { ...memory.archivedBySync, ...memory.owned },
      archivedBySync: memory.archivedBySync ?? {},
      approvalsSpent: [],
      sentFingerprints: {},
    }),
  );
}
