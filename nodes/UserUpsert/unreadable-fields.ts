import type { IExecuteFunctions } from 'n8n-workflow';
import type { FieldMapping } from '../../src';
import { sourceReportsThisRun } from '../shared/source-field-report';

/**
 * The record fields an HR source of this workflow could not read in this very execution
 * (`department`, `custom.Cost center`): their empty values mean "unknown", so the plan
 * never clears them on the platform, whatever *Empty Value in HR Means* says. A report left
 * by an earlier execution does not count: tonight's source may read them again.
 */
export async function unreadableFieldsThisRun(context: IExecuteFunctions): Promise<Set<string>> {
  const fields = new Set<string>();
  for (const report of await sourceReportsThisRun(context)) {
    for (const field of report.unreadableFields) fields.add(field);
  }
  return fields;
}

/**
 * Says, as an execution hint, which mapped fields were left as they are on the platform
 * because the source could not read them, and returns them for the output's summary.
 * Only when empty values would otherwise clear: with "Leave", nothing is cleared anyway.
 */
export function noteKeptFields(
  context: IExecuteFunctions,
  unreadable: ReadonlySet<string>,
  mappings: readonly FieldMapping[],
  emptySourceValue: 'clear' | 'leave',
): string[] {
  if (emptySourceValue !== 'clear') return [];
  const kept = [
    ...new Set(
      mappings
        .filter((mapping) => mapping.strength === 'always' && unreadable.has(mapping.field))
        .map((mapping) => mapping.field),
    ),
  ];
  for (const field of kept) {
    context.addExecutionHints({
      message: `${field} not cleared: the HR source could not read it in this run (check the API user's field permissions).`,
      type: 'warning',
      location: 'outputPane',
    });
  }
  return kept;
}
