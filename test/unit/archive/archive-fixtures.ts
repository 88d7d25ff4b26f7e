import { DEFAULT_BRAKES } from '../../../src/plan/brakes';
import type { ArchivePlanOptions, SourceSnapshot } from '../../../src/plan/plan-archive';
import type { DirectoryUser } from '../../../src/targets/directory';

export const TODAY = '2024-06-15';

/** A directory user; `externalId: undefined` is one made by hand in the platform. */
export function user(
  externalId: string | undefined,
  active = true,
  id = `u-${externalId ?? 'manual'}`,
): DirectoryUser {
  return {
    id,
    ...(externalId !== undefined ? { externalId } : {}),
    active,
    attributes: {},
  };
}

/** `count` active users E1…E<count>. */
export function activeUsers(count: number, prefix = 'E'): DirectoryUser[] {
  return Array.from({ length: count }, (_, index) => user(`${prefix}${index + 1}`));
}

export function snapshot(
  externalIds: Iterable<string>,
  leaving: Record<string, string> = {},
): SourceSnapshot {
  return { externalIds: new Set(externalIds), leaving: new Map(Object.entries(leaving)) };
}

/**
 * A ledger that owns every external ID, for the tests about the other rules; the ownership
 * tests pass a real Set.
 */
class OwnsEveryone extends Set<string> {
  override has(): boolean {
    return true;
  }
}
export const OWNS_EVERYONE: ReadonlySet<string> = new OwnsEveryone();

export function planOptions(overrides: Partial<ArchivePlanOptions> = {}): ArchivePlanOptions {
  return {
    brakes: DEFAULT_BRAKES,
    owned: OWNS_EVERYONE,
    archivedSince: {},
    today: TODAY,
    ...overrides,
  };
}

/** The date `days` days before `date` (both YYYY-MM-DD). */
export function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(date) - days * 86_400_000).toISOString().slice(0, 10);
}
