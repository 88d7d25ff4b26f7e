import type { EmployeeRecord } from '../record/fields';
import type { AttributeChange, AttributeValue, DirectoryUser } from '../targets/directory';
import {
  assertValidMappings,
  isEmptyValue,
  sameValue,
  sourceValue,
  type FieldMapping,
} from './field-mapping';
import { leavingReason } from './plan-archive';
import type { PlannedAction, SyncPlan } from './sync-plan';

export interface UpsertPlanOptions {
  mappings: readonly FieldMapping[];
  /** What an empty source value means for an `always` field: clear the target's, or leave it. */
  emptySourceValue: 'clear' | 'leave';
  /** Adopt a target user by e-mail when no user carries the external ID. */
  matchByEmail: boolean;
  /** The attribute that holds the external ID in the target (set on adoption and create). */
  externalIdAttribute: string;
  /** YYYY-MM-DD in the instance's time zone: a record whose end date is before it is leaving. */
  today: string;
  /**
   * Who may be reactivated: only users this sync archived itself (`archivedBySync`; the
   * default), or every deactivated user HR still lists (`hrStatusWins`). An account an admin
   * or another tool deactivated (a suspension, a compromised account) stays deactivated and
   * is reported as held.
   */
  reactivate: { archivedBySync: ReadonlySet<string>; hrStatusWins?: boolean };
  /**
   * Pre-hires: a record whose start date is more than `daysBeforeStart` days away is created
   * inactive, and activated (as the sync's own) from that day on, so the platform invites
   * new hires when they start. Undefined: every new employee is created active at once.
   */
  preHire?: { daysBeforeStart: number };
  /** The longest external ID the target holds (Entra's employeeId: 16); longer ones are skipped. */
  maxExternalIdLength?: number;
  /**
   * Source fields (`department`, `custom.Cost center`) whose empty value never clears the
   * target, whatever `emptySourceValue` says: the HR source could not read them tonight,
   * so "empty" means "unknown", not "removed".
   */
  keepWhenEmpty?: ReadonlySet<string>;
}

/**
 * Compares the records HR wants with the users the target has and decides, per record,
 * create, update (only the changed attributes), reactivate, unchanged or skip. Pure: no
 * call is made here, so the same plan serves the dry run and the real run.
 */
export function planUpsert(
  records: readonly EmployeeRecord[],
  current: readonly DirectoryUser[],
  options: UpsertPlanOptions,
): SyncPlan {
  assertValidMappings(options.mappings);
  const byExternalId = new Map<string, DirectoryUser>();
  const byEmail = new Map<string, DirectoryUser>();
  for (const user of current) {
    if (user.externalId) byExternalId.set(user.externalId, user);
    if (user.email) byEmail.set(user.email.toLowerCase(), user);
  }
  const wanted = new Set(records.map((record) => record.externalId?.trim() ?? ''));
  const claimed = new Map<string, string>();
  const actions = records.map((record) =>
    planOne(record, { byExternalId, byEmail, wanted, claimed }, options),
  );
  return { actions };
}

interface Lookup {
  byExternalId: Map<string, DirectoryUser>;
  byEmail: Map<string, DirectoryUser>;
  wanted: Set<string>;
  /** Target user id → the external ID that already claimed it in this plan. */
  claimed: Map<string, string>;
}

function planOne(
  record: EmployeeRecord,
  lookup: Lookup,
  options: UpsertPlanOptions,
): PlannedAction {
  const externalId = record.externalId?.trim() ?? '';
  if (!externalId) return { kind: 'skip', externalId, reason: 'The record has no external ID.' };
  const longest = options.maxExternalIdLength;
  if (longest !== undefined && externalId.length > longest) {
    // Cut short, it could match or create someone else: nobody is written for it.
    return {
      kind: 'skip',
      externalId,
      reason: `The external ID has ${externalId.length} characters; the platform holds at most ${longest}. Shorten it in HR, or map a shorter ID column.`,
    };
  }
  // A leaver still listed in the export is never created or given access back: the
  // archive takes them (many HR systems list leavers for weeks after their last day).
  const leaving = record.archivedAt
    ? 'The record has an archived_at date'
    : leavingReason(record, options.today)?.replace(/\.$/, '');
  if (leaving) {
    return {
      kind: 'skip',
      externalId,
      reason: `${leaving}: Archive Missing Users handles it.`,
    };
  }
  const match = findUser(record, externalId, lookup, options);
  if ('reason' in match) return { kind: 'skip', externalId, reason: match.reason };
  const notYet = startsLater(record, options);
  if (!match.user) {
    return {
      kind: 'create',
      externalId,
      attributes: createAttributes(record, options),
      ...(notYet ? { active: false as const } : {}),
      record,
    };
  }

  const { user, matchedBy } = match;
  lookup.claimed.set(user.id, externalId);
  const changes = changedAttributes(record, user, options);
  if (matchedBy === 'email') {
    changes.unshift({
      attribute: options.externalIdAttribute,
      field: 'externalId',
      from: user.externalId ?? null,
      to: externalId,
    });
  }
  if (!user.active) {
    const ours = options.reactivate.archivedBySync.has(externalId) && matchedBy === 'externalId';
    // A pre-hire this sync created inactive stays so until the day comes.
    if (ours && notYet) {
      return changes.length === 0
        ? { kind: 'unchanged', externalId, user }
        : { kind: 'update', externalId, user, matchedBy, changes };
    }
    if (ours || options.reactivate.hrStatusWins) {
      return { kind: 'reactivate', externalId, user, matchedBy, changes };
    }
    return {
      kind: 'skip',
      externalId,
      held: true,
      reason:
        'Held: the account was deactivated on the platform by someone other than this sync; it stays deactivated (set "Reactivate" to "Whenever HR Lists Them" to let HR decide).',
    };
  }
  if (changes.length === 0) return { kind: 'unchanged', externalId, user };
  return { kind: 'update', externalId, user, matchedBy, changes };
}

type Match = { user?: DirectoryUser; matchedBy: 'externalId' | 'email' } | { reason: string };

function findUser(
  record: EmployeeRecord,
  externalId: string,
  lookup: Lookup,
  options: UpsertPlanOptions,
): Match {
  const byId = lookup.byExternalId.get(externalId);
  if (byId) return { user: byId, matchedBy: 'externalId' };
  const email = record.email?.trim().toLowerCase();
  if (!options.matchByEmail || !email) return { matchedBy: 'externalId' };
  const byEmail = lookup.byEmail.get(email);
  if (!byEmail) return { matchedBy: 'externalId' };
  // External ID wins: an account that already belongs to another employee is never taken over.
  if (byEmail.externalId && byEmail.externalId !== externalId) {
    const still = lookup.wanted.has(byEmail.externalId)
      ? 'who is still in the source'
      : 'who is no longer in the source';
    return {
      reason: `The e-mail ${email} belongs to the target user with external ID ${byEmail.externalId}, ${still}; resolve it by hand.`,
    };
  }
  const claimedBy = lookup.claimed.get(byEmail.id);
  if (claimedBy) {
    return {
      reason: `The target user with e-mail ${email} was already matched to external ID ${claimedBy}.`,
    };
  }
  return { user: byEmail, matchedBy: 'email' };
}

/** Whether the record starts more than the pre-hire window from today. */
function startsLater(record: EmployeeRecord, options: UpsertPlanOptions): boolean {
  if (!options.preHire || !record.startDate) return false;
  const days = Math.floor((Date.parse(record.startDate) - Date.parse(options.today)) / 86_400_000);
  return Number.isFinite(days) && days > options.preHire.daysBeforeStart;
}

function createAttributes(
  record: EmployeeRecord,
  options: UpsertPlanOptions,
): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {
    [options.externalIdAttribute]: record.externalId?.trim() ?? '',
  };
  for (const mapping of options.mappings) {
    const value = sourceValue(record, mapping.field);
    if (!isEmptyValue(value)) attributes[mapping.attribute] = value;
  }
  return attributes;
}

function changedAttributes(
  record: EmployeeRecord,
  user: DirectoryUser,
  options: UpsertPlanOptions,
): AttributeChange[] {
  const changes: AttributeChange[] = [];
  for (const mapping of options.mappings) {
    if (mapping.strength === 'onCreate') continue;
    const current = user.attributes[mapping.attribute];
    if (mapping.strength === 'whenEmpty' && !isEmptyValue(current)) continue;
    const desired = sourceValue(record, mapping.field);
    if (
      isEmptyValue(desired) &&
      (options.emptySourceValue === 'leave' ||
        mapping.strength === 'whenEmpty' ||
        options.keepWhenEmpty?.has(mapping.field))
    ) {
      continue;
    }
    if (!sameValue(mapping.field, current, desired)) {
      changes.push({
        attribute: mapping.attribute,
        field: mapping.field,
        from: current ?? null,
        to: desired,
      });
    }
  }
  return changes;
}
