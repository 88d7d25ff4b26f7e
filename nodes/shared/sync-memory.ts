import { homedir } from 'node:os';
import { join } from 'node:path';
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import {
  FileMemoryStore,
  MirroredMemoryStore,
  ObjectMemoryStore,
  type MemoryStore,
} from '../../src';
import { platformCredentialType, type Platform } from './platform-properties';

/**
 * Where one sync's memory lives: a JSON file per workflow, platform and credential in the
 * n8n user folder (`~/.n8n/hr-sync-memory/`, or HR_SYNC_MEMORY_DIR), mirrored in the
 * workflow's static data. Why both: n8n saves static data in its own database, but not
 * after a manual execution (see n8n's execution lifecycle hooks), and in queue mode n8n
 * 2.41 starts a worker's run without it (test/queue/static-data-queue.test.ts); the file is
 * written on every run, manual ones too. The newer of the two wins on load. Keyed by workflow, platform and credential, not by node name,
 * so renaming a node keeps the memory, and User Upsert and Archive Missing Users share it.
 */
export function syncMemoryStore(context: IExecuteFunctions, platform: Platform): MemoryStore {
  const credentialId =
    context.getNode().credentials?.[platformCredentialType(context, platform)]?.id ?? 'none';
  const name = `${platform}-${credentialId}`;
  const file = new FileMemoryStore(join(workflowMemoryFolder(context), `${safe(name)}.json`));
  const staticData = context.getWorkflowStaticData('global') as IDataObject;
  return new MirroredMemoryStore(
    file,
    new ObjectMemoryStore(staticData, `hrSyncMemory:${name}`, "the workflow's static data"),
  );
}

/**
 * The folder of this workflow's memory files (the HR sources' field reports live there too).
 * On a queue-mode worker it must be a folder every worker shares: each worker's own user
 * folder would give each its own memory, and static data does not reach a worker's run, so
 * the brakes would compare with another night than the last and rehires go unrecognised.
 * Refused there without HR_SYNC_MEMORY_DIR, before anything is read or written.
 */
export function workflowMemoryFolder(
  context: IExecuteFunctions,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const workflowId = context.getWorkflow().id ?? 'unsaved';
  const shared = env.HR_SYNC_MEMORY_DIR?.trim();
  if (!shared && env.EXECUTIONS_MODE === 'queue') {
    throw new NodeOperationError(
      context.getNode(),
      'n8n runs in queue mode, and the sync keeps its memory (the brakes, who it archived) in a folder: set HR_SYNC_MEMORY_DIR on every worker and on main to one folder they all share.',
      {
        description:
          "In queue mode n8n 2.41 does not hand a workflow's static data to a worker's run.",
      },
    );
  }
  const folder = shared || join(env.N8N_USER_FOLDER ?? homedir(), '.n8n', 'hr-sync-memory');
  return join(folder, safe(workflowId));
}

/** A file name part: n8n ids are alphanumeric, but a hand-edited one must not escape the folder. */
export function safe(part: string): string {
  return part.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Today (YYYY-MM-DD) in the workflow's time zone, as n8n gives it: end dates are local days. */
export function todayIn(context: IExecuteFunctions, now = new Date()): string {
  const timeZone = context.getTimezone();
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}
