import { join } from 'node:path';
import type { IExecuteFunctions } from 'n8n-workflow';
import { workflowMemoryFolder } from '../../../nodes/shared/sync-memory';

const context = {
  getWorkflow: () => ({ id: 'wf/1' }),
  getNode: () => ({ name: 'User Upsert', type: 'n8n-nodes-hr-sync.userUpsert' }),
} as unknown as IExecuteFunctions;

describe("workflowMemoryFolder: where a sync's memory is kept", () => {
  it('in the n8n user folder by default, one folder a workflow, its id made safe', () => {
    expect(workflowMemoryFolder(context, { N8N_USER_FOLDER: '/data' })).toBe(
      join('/data', '.n8n', 'hr-sync-memory', 'wf_1'),
    );
  });

  it('in HR_SYNC_MEMORY_DIR when set, in queue mode too', () => {
    expect(workflowMemoryFolder(context, { HR_SYNC_MEMORY_DIR: '/shared/memory' })).toBe(
      join('/shared/memory', 'wf_1'),
    );
    expect(
      workflowMemoryFolder(context, { EXECUTIONS_MODE: 'queue', HR_SYNC_MEMORY_DIR: '/shared' }),
    ).toBe(join('/shared', 'wf_1'));
  });

  it('refuses a queue-mode run without a shared folder, saying which setting to make', () => {
    for (const env of [
      { EXECUTIONS_MODE: 'queue' },
      { EXECUTIONS_MODE: 'queue', HR_SYNC_MEMORY_DIR: ' ' },
    ]) {
      expect(() => workflowMemoryFolder(context, { ...env, N8N_USER_FOLDER: '/data' })).toThrow(
        /queue mode.*set HR_SYNC_MEMORY_DIR on every worker and on main/,
      );
    }
  });
});
