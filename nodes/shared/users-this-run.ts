import type { IExecuteFunctions } from 'n8n-workflow';
import type { DirectoryUser } from '../../src';
import { NODE_TYPE } from './node-types';
import { platformCredentialType, type Platform } from './platform-properties';

/**
 * The platform's users as User Upsert left them, handed to Archive Missing Users later in
 * the same execution, so the archive does not read every user again (at 100,000 users that
 * read is about 2 s and a few hundred MB). Held in this process only: all nodes of one
 * execution run in one process, in queue mode too. An entry belongs to one execution, one
 * platform and one credential; it is dropped when taken, and a bounded few are kept at most,
 * for a short while, should a run stop between the two nodes.
 */
const KEEP_MS = 10 * 60_000;
const MAX_ENTRIES = 2;
const entries = new Map<string, { users: readonly DirectoryUser[]; at: number }>();

function keyOf(context: IExecuteFunctions, platform: Platform): string | undefined {
  const credential = context.getNode().credentials?.[platformCredentialType(context, platform)];
  if (!credential?.id) return undefined;
  return `${context.getExecutionId()}\n${platform}\n${credential.id}`;
}

function prune(now: number): void {
  for (const [key, entry] of entries) if (now - entry.at > KEEP_MS) entries.delete(key);
}

/**
 * Whether an enabled Archive Missing Users node comes after this node and may take the
 * users: only then are they kept.
 */
export function archiveFollows(context: IExecuteFunctions): boolean {
  return context
    .getChildNodes(context.getNode().name, { includeNodeParameters: true })
    .some(
      (node) =>
        node.type === NODE_TYPE.archiveMissingUsers &&
        !node.disabled &&
        (node.parameters?.options as { readAgain?: boolean } | undefined)?.readAgain !== true,
    );
}

export function rememberUsers(
  context: IExecuteFunctions,
  platform: Platform,
  users: readonly DirectoryUser[],
): void {
  const key = keyOf(context, platform);
  if (key === undefined) return;
  const now = Date.now();
  prune(now);
  entries.delete(key);
  while (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  entries.set(key, { users, at: now });
}

/** The users an earlier node of this execution left for this platform and credential, once. */
export function takeUsers(
  context: IExecuteFunctions,
  platform: Platform,
): readonly DirectoryUser[] | undefined {
  prune(Date.now());
  const key = keyOf(context, platform);
  if (key === undefined) return undefined;
  const entry = entries.get(key);
  entries.delete(key);
  return entry?.users;
}
