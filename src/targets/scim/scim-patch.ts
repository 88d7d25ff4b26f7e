import type { AttributeChange } from '../directory';
import { parseScimPath, writeScimPath, type ScimPath } from './scim-path';

export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

type Json = Record<string, unknown>;

/**
 * The PATCH operations for the changed attributes only (RFC 7644 §3.5.2). A change inside
 * a multi-valued attribute (`emails[type eq "work"].value`) replaces that attribute's
 * whole list, rebuilt from the user's current one: a filtered `replace` that matches no
 * element is an error on many servers, a whole-list replace is understood by all.
 */
export function patchOperations(
  changes: readonly AttributeChange[],
  current: Json,
  reactivate: boolean,
): PatchOperation[] {
  const operations: PatchOperation[] = [];
  const lists = new Map<string, { path: ScimPath; draft: Json }>();
  for (const change of changes) {
    const path = parseScimPath(change.attribute);
    if (path.typeFilter !== undefined) {
      const key = listPath(path);
      const entry = lists.get(key) ?? { path, draft: draftOf(current, path) };
      writeScimPath(entry.draft, path, change.to);
      lists.set(key, entry);
      continue;
    }
    operations.push(
      change.to === null
        ? { op: 'remove', path: change.attribute }
        : { op: 'replace', path: change.attribute, value: change.to },
    );
  }
  for (const [key, { path, draft }] of lists) {
    const holder = path.extension ? (draft[path.extension] as Json) : draft;
    operations.push({ op: 'replace', path: key, value: holder[path.attribute] });
  }
  if (reactivate) operations.push({ op: 'replace', path: 'active', value: true });
  return operations;
}

function listPath(path: ScimPath): string {
  return path.extension ? `${path.extension}:${path.attribute}` : path.attribute;
}

/** A copy of just the list the change touches, so unrelated elements are kept as they are. */
function draftOf(current: Json, path: ScimPath): Json {
  const holder = path.extension ? (current[path.extension] as Json | undefined) : current;
  const list = holder?.[path.attribute];
  const copy = Array.isArray(list) ? structuredClone(list) : [];
  return path.extension
    ? { [path.extension]: { [path.attribute]: copy } }
    : { [path.attribute]: copy };
}
