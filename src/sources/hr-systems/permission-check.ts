import type { FieldReport, FieldReportEntry, RecordTarget } from './hr-read';

export interface PermissionCheckOptions {
  /** The HR system's name for messages: "BambooHR". */
  system: string;
  /**
   * How much larger the share of empty rows may grow since the last run before it counts
   * as "far more": 0.3 = thirty percentage points (10% empty last night, 40% tonight).
   */
  maxShareIncrease?: number;
  /** And by at least this many rows, so that a company of five is not warned about one leaver. */
  minRowIncrease?: number;
}

export interface PermissionCheck {
  warnings: string[];
  /** In the upsert's notation: `department`, `custom.Cost center`. */
  unreadableFields: string[];
}

/**
 * The trap every HR API shares: a field the API user may not read comes back empty, or is
 * left out, with a 200. A requested field that no row has, or that far more rows lack
 * than in the last run, is named with the hint to check the API user's field permissions,
 * and listed so that the upsert does not clear that attribute on the platform tonight.
 */
export function checkFieldPermissions(
  report: FieldReport,
  previous: FieldReport | undefined,
  options: PermissionCheckOptions,
): PermissionCheck {
  const maxShareIncrease = options.maxShareIncrease ?? 0.3;
  const minRowIncrease = options.minRowIncrease ?? 3;
  const before = new Map((previous ?? []).map((entry) => [entry.field, entry]));
  const warnings: string[] = [];
  const unreadable: string[] = [];
  for (const entry of report) {
    if (entry.total === 0) continue;
    const unfilled = entry.emptyRows + entry.missingRows;
    const last = before.get(entry.field);
    const what = `${options.system} returned no value for "${entry.field}" (${entry.canonical})`;
    const hint =
      `check the API user's field permissions in ${options.system}; until then ` +
      `${entry.canonical} is not cleared on the platform.`;
    if (unfilled === entry.total) {
      warnings.push(`${what} for any of the ${entry.total} employees: ${hint}`);
      unreadable.push(upsertField(entry.canonical));
    } else if (last && grewFar(entry, last, maxShareIncrease, minRowIncrease)) {
      warnings.push(
        `${what} for ${unfilled} of ${entry.total} employees, against ` +
          `${last.emptyRows + last.missingRows} of ${last.total} in the last run: ${hint}`,
      );
      unreadable.push(upsertField(entry.canonical));
    }
  }
  return { warnings, unreadableFields: unreadable };
}

function grewFar(
  now: FieldReportEntry,
  last: FieldReportEntry,
  maxShareIncrease: number,
  minRowIncrease: number,
): boolean {
  if (last.total === 0) return false;
  const nowUnfilled = now.emptyRows + now.missingRows;
  const lastUnfilled = last.emptyRows + last.missingRows;
  const shareIncrease = nowUnfilled / now.total - lastUnfilled / last.total;
  return shareIncrease > maxShareIncrease && nowUnfilled - lastUnfilled >= minRowIncrease;
}

/** `custom:Cost center` in a mapping is `custom.Cost center` in a platform field mapping. */
export function upsertField(target: RecordTarget): string {
  return target.startsWith('custom:') ? `custom.${target.slice('custom:'.length)}` : target;
}
