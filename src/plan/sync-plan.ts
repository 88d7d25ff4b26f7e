import type { DirectoryUser, DirectoryWrite } from '../targets/directory';

type WriteOf<K extends DirectoryWrite['kind']> = Extract<DirectoryWrite, { kind: K }>;

/**
 * One decision per external ID, the shape a dry run shows and the apply stage executes: a
 * create, update or reactivate is the very write the directory receives.
 */
export type PlannedAction =
  | WriteOf<'create'>
  | (WriteOf<'update' | 'reactivate'> & {
      /** How the user was found: by external ID, or adopted by e-mail. */
      matchedBy: 'externalId' | 'email';
    })
  | { kind: 'unchanged'; externalId: string; user: DirectoryUser }
  /** `held`: a deactivated account this sync leaves deactivated, since it did not archive it. */
  | { kind: 'skip'; externalId: string; reason: string; held?: true };

/** The actions that write, which are DirectoryWrites as they stand. */
export function isWrite(action: PlannedAction): action is PlannedAction & DirectoryWrite {
  return action.kind === 'create' || action.kind === 'update' || action.kind === 'reactivate';
}

export type ActionKind = PlannedAction['kind'];

export interface SyncPlan {
  /** In the order of the desired records, so outcomes pair with their input items. */
  actions: PlannedAction[];
}

export function countActions(actions: readonly PlannedAction[]): Record<ActionKind, number> {
  const counts: Record<ActionKind, number> = {
    create: 0,
    update: 0,
    reactivate: 0,
    unchanged: 0,
    skip: 0,
  };
  for (const action of actions) counts[action.kind] += 1;
  return counts;
}
