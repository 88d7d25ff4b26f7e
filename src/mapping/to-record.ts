import type { EmployeeRecord } from '../record/fields';
import type { ColumnPlan } from './column-plan';
import type { MappingConfig } from './mapping-config';

/** Source value → target value, per field; looked up exactly, then ignoring case. */
export class ValueRules {
  private readonly exact = new Map<string, Map<string, string>>();
  private readonly folded = new Map<string, Map<string, string>>();

  constructor(values: MappingConfig['values'] = {}) {
    for (const [field, table] of Object.entries(values)) {
      this.exact.set(field, new Map(Object.entries(table)));
      this.folded.set(
        field,
        new Map(Object.entries(table).map(([from, to]) => [from.toLowerCase(), to])),
      );
    }
  }

  apply(field: string, value: string): string {
    // Most mappings translate no values; this runs for every cell.
    if (this.exact.size === 0) return value;
    const table = this.exact.get(field);
    if (!table) return value;
    return table.get(value) ?? this.folded.get(field)?.get(value.toLowerCase()) ?? value;
  }
}

// The errors CSV neutralises formula-like cells with a leading apostrophe, as spreadsheets
// do; reading it back removes that apostrophe again.
const NEUTRALISED = /^'(?=[=+\-@\t\r])/;

export function unneutralise(value: string): string {
  // The apostrophe is looked for first: nearly no cell has one, and this runs for every cell.
  return value.charCodeAt(0) === APOSTROPHE && NEUTRALISED.test(value) ? value.slice(1) : value;
}

const APOSTROPHE = 0x27;

/** Tags: split on , ; or |, trimmed, lower-cased, without empties and duplicates. */
export function splitTags(value: string): string[] {
  const tags: string[] = [];
  // A loop rather than map, filter and a Set: a row has a few tags, and this runs per row.
  for (const part of value.split(TAG_SEPARATORS)) {
    const tag = part.trim().toLowerCase();
    if (tag !== '' && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

const TAG_SEPARATORS = /[,;|]/;

/** One row's fields → the canonical record, trimmed and with the value rules applied. */
export function toRecord(
  fields: readonly string[],
  plan: ColumnPlan,
  rules: ValueRules,
): EmployeeRecord {
  const record: EmployeeRecord = { custom: {} };
  const { targets } = plan;
  for (let index = 0; index < targets.length; index++) {
    const target = targets[index]!;
    if (target.kind === 'ignore') continue;
    const raw = fields[index];
    if (raw === undefined) continue;
    // Trimmed again after unneutralising: the errors CSV's apostrophe hides any leading
    // whitespace (a tab) of the original cell, which the first trim would have removed.
    const value = unneutralise(raw.trim()).trim();
    if (target.kind === 'custom') {
      if (value !== '') record.custom[target.name] = rules.apply(target.name, value);
      continue;
    }
    if (value === '') continue;
    const mapped = rules.apply(target.field, value);
    if (target.field === 'tags') record.tags = splitTags(mapped);
    else record[target.field] = mapped;
  }
  return record;
}
