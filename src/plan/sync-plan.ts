import type { AttributeChange, AttributeValue, DirectoryUser } from '../targets/directory';

/** One decision per external ID, the shape a dry run shows and the apply stage executes. */
export type PlannedAction =
  | {
      kind: 'create';
      externalId: string;
      attributes: Record<string, AttributeValue>;
    }
  | {
      kind: 'update' | 'reactivate';
      externalId: string;
      user: DirectoryUser;
      /** How the user was found: by external ID, or adopted by e-mail. */
      matchedBy: 'externalId' | 'email';
      changes: AttributeChange[];
    }
  | { kind: 'unchanged'; externalId: string; user: DirectoryUser }
  | { kind: 'skip'; externalId: string; reason: string };

export type ActionKind = PlannedAction['kind'];

export interface SyncPlan {
  /** In the order of the desired records, so outcomes pair with their input items. */
  actions: PlannedAction[];
  counts: Record<ActionKind, number>;
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
