import type { AttributeChange } from '../targets/directory';
import type { ActionKind } from '../plan/sync-plan';

/** What happened to one employee in the target: the per-user line of the sync report. */
export interface UserOutcome {
  externalId: string;
  action: ActionKind | 'archive' | 'delete';
  /** `planned` in a dry run; `failed` after the retries ran out. */
  status: 'succeeded' | 'failed' | 'skipped' | 'unchanged' | 'planned';
  userId?: string;
  changes?: AttributeChange[];
  reason?: string;
  /** HTTP status of the last failed try, when there was one. */
  httpStatus?: number;
  attempts?: number;
  /** A deactivated account the sync left deactivated: someone else deactivated it. */
  held?: true;
  /** The second phase's link to the manager, when HR names one (see link-managers). */
  manager?: ManagerLinkOutcome;
}

export interface ManagerLinkOutcome {
  /** The manager's external ID as HR gives it; `null`: unlinked. */
  to: string | null;
  status: 'succeeded' | 'failed' | 'skipped' | 'planned';
  reason?: string;
}
