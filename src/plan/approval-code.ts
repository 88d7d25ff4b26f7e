import { createHash } from 'node:crypto';

/**
 * A short code that names one archive plan: who is archived and who deleted, whatever their
 * order. The brake's message prints it; approving that code lets exactly that plan through,
 * once. A plan that differs by one person has another code, so an approval never covers
 * people the admin did not see.
 */
export function approvalCode(
  actions: ReadonlyArray<{ kind: 'archive' | 'delete'; externalId: string }>,
): string {
  const lines = actions.map((action) => `${action.kind}\t${action.externalId}`).sort();
  const digest = createHash('sha256').update(lines.join('\n')).digest('hex').toUpperCase();
  return `${digest.slice(0, 4)}-${digest.slice(4, 8)}`;
}

/** How people type a code back: case, spaces and a missing dash do not matter. */
export function normalizeApprovalCode(code: string): string {
  const compact = code.replace(/[^0-9a-z]/gi, '').toUpperCase();
  return compact.length === 8 ? `${compact.slice(0, 4)}-${compact.slice(4)}` : compact;
}
