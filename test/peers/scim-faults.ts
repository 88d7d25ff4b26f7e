import type { Request } from 'express';
import type { ScimFaultRule } from './scim-server';
import type { ScimStore } from './scim-store';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface WriteTarget {
  method: string;
  /** The user id a /Users/:id path names, if any. */
  id?: string;
  data?: unknown;
}

/** Which writes a rule is about: its user (by userName or externalId) and method, if named. */
export type WriteSelector = Pick<ScimFaultRule, 'userName' | 'externalId' | 'method'>;

/** Whether a write request (a plain one, or any operation of a Bulk request) is about the rule's user. */
export function scimFaultConcerns(rule: WriteSelector, req: Request, store: ScimStore): boolean {
  if (!WRITES.has(req.method)) return false;
  return writeTargets(req).some((target) => targetMatches(rule, target, store));
}

/** Whether the request is a write at all (a /Bulk POST counts once). */
export function isScimWrite(req: Request): boolean {
  return WRITES.has(req.method);
}

function writeTargets(req: Request): WriteTarget[] {
  if (req.path === '/Bulk') {
    const operations = (req.body as { Operations?: unknown } | undefined)?.Operations;
    if (!Array.isArray(operations)) return [];
    return operations.map((operation: { method?: unknown; path?: unknown; data?: unknown }) => ({
      method: String(operation.method ?? '').toUpperCase(),
      id: userIdIn(String(operation.path ?? '')),
      data: operation.data,
    }));
  }
  return [{ method: req.method, id: userIdIn(req.path), data: req.body }];
}

function userIdIn(path: string): string | undefined {
  const match = /^\/Users\/([^/]+)$/.exec(path);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

function targetMatches(rule: WriteSelector, target: WriteTarget, store: ScimStore): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== target.method) return false;
  if (rule.userName === undefined && rule.externalId === undefined) return true;
  const record = target.id === undefined ? undefined : store.get(target.id);
  return [record, target.data, ...patchValues(target.data)].some((candidate) =>
    identifies(rule, candidate),
  );
}

/** PATCH bodies carry attributes inside Operations[].value. */
function patchValues(data: unknown): unknown[] {
  const operations = (data as { Operations?: unknown } | undefined)?.Operations;
  return Array.isArray(operations)
    ? operations.map((operation: { value?: unknown }) => operation.value)
    : [];
}

function identifies(rule: WriteSelector, candidate: unknown): boolean {
  if (typeof candidate !== 'object' || candidate === null) return false;
  const { userName, externalId } = candidate as { userName?: unknown; externalId?: unknown };
  if (rule.userName !== undefined && typeof userName === 'string') {
    if (userName.toLowerCase() === rule.userName.toLowerCase()) return true;
  }
  return rule.externalId !== undefined && externalId === rule.externalId;
}
