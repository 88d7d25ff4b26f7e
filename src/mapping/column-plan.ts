import { fieldForHeader, normalizeHeader } from '../record/aliases';
import { isCanonicalField, type CanonicalField } from '../record/fields';
import { FileError } from '../file/file-error';
import type { MappingConfig } from './mapping-config';

export type ColumnTarget =
  | { kind: 'field'; field: CanonicalField }
  | { kind: 'custom'; name: string }
  | { kind: 'ignore'; reason: 'mapping' | 'errors-column' };

export interface ColumnPlan {
  header: string[];
  targets: ColumnTarget[];
}

/**
 * Decides what each column feeds: the explicit mapping first, then the known header
 * spellings (a `custom:<name>` header is the custom field `<name>`), else a custom field under
 * the header's own name. The `errors` column of a
 * re-uploaded errors CSV is ignored.
 */
export function planColumns(header: string[], mapping: MappingConfig = {}): ColumnPlan {
  const explicit = new Map(
    Object.entries(mapping.columns ?? {}).map(([name, target]) => [normalizeHeader(name), target]),
  );
  const cleaned = header.map((name) => name.replace(/^\uFEFF/, '').trim());
  const targets = cleaned.map((name, index): ColumnTarget => {
    const key = normalizeHeader(name);
    if (explicit.has(key)) {
      const target = explicit.get(key);
      if (target === null || target === undefined) return { kind: 'ignore', reason: 'mapping' };
      if (isCanonicalField(target)) return { kind: 'field', field: target };
      return { kind: 'custom', name: target.slice('custom:'.length) };
    }
    if (key === 'errors') return { kind: 'ignore', reason: 'errors-column' };
    // `custom:<name>` is the column mapping's own notation, which HR Source's API rows use
    // as keys: such a column is that custom field, not one named "custom:<name>".
    const custom = /^custom:(.+)$/.exec(name);
    if (custom) return { kind: 'custom', name: custom[1]!.trim() };
    const field = fieldForHeader(name);
    return field
      ? { kind: 'field', field }
      : { kind: 'custom', name: name || `column ${index + 1}` };
  });
  assertUsable(cleaned, targets);
  return { header: cleaned, targets };
}

function assertUsable(header: string[], targets: ColumnTarget[]): void {
  const seen = new Map<string, string>();
  const customs = new Map<string, number>();
  targets.forEach((target, index) => {
    if (target.kind === 'custom') {
      // Two columns feeding one custom field would silently keep only the last value.
      const earlier = customs.get(target.name);
      if (earlier !== undefined) {
        throw new FileError(
          'duplicate_column',
          `Columns ${earlier + 1} and ${index + 1} are both named "${target.name}": rename one, or map it in the column mapping.`,
        );
      }
      customs.set(target.name, index);
    }
    if (target.kind !== 'field') return;
    const earlier = seen.get(target.field);
    if (earlier !== undefined) {
      throw new FileError(
        'duplicate_column',
        `Columns "${earlier}" and "${header[index]}" both map to ${target.field}: map one of them` +
          ' to another field, or to null to ignore it, in the column mapping.',
      );
    }
    seen.set(target.field, header[index] ?? '');
  });
  if (seen.has('externalId')) return;
  const recognised = targets.some((target) => target.kind === 'field');
  throw new FileError(
    'no_header',
    recognised
      ? `No column holds the external ID (the header is: ${header.join(', ')}). Name it in the` +
          ' column mapping, for example {"columns": {"Personeelsnummer": "externalId"}}.'
      : `No header row: the first line (${header.slice(0, 5).join(', ')}) names none of the` +
          ' known columns. If the file has no header, say so and name the columns' +
          ' (--no-header --columns externalId,firstName,…).',
  );
}
