import type { IExecuteFunctions } from 'n8n-workflow';
import type { DirectoryUser } from '../../../src';
import { archiveFollows, rememberUsers, takeUsers } from '../../../nodes/shared/users-this-run';

const ARCHIVE = 'n8n-nodes-hr-sync.archiveMissingUsers';

/** Just what the hand-over reads of a node's context. */
function context(
  executionId: string,
  credentialId: string | undefined,
  children: Array<{ type: string; disabled?: boolean; parameters?: object }> = [],
): IExecuteFunctions {
  return {
    getExecutionId: () => executionId,
    getNode: () => ({
      name: 'User Upsert',
      ...(credentialId
        ? { credentials: { hrSyncScimApi: { id: credentialId, name: 'SCIM' } } }
        : {}),
    }),
    getChildNodes: () => children.map((child) => ({ name: 'child', typeVersion: 1, ...child })),
  } as unknown as IExecuteFunctions;
}

const users = (n: number): DirectoryUser[] =>
  Array.from({ length: n }, (_, i) => ({ id: `u${i}`, active: true, attributes: {} }));

afterEach(() => jest.useRealTimers());

describe('the users User Upsert hands to Archive Missing Users in the same run', () => {
  it('are taken once, by the same execution on the same platform and credential', () => {
    const given = users(3);
    rememberUsers(context('run-1', 'cred-A'), 'scim', given);
    expect(takeUsers(context('run-2', 'cred-A'), 'scim')).toBeUndefined();
    expect(takeUsers(context('run-1', 'cred-B'), 'scim')).toBeUndefined();
    expect(takeUsers(context('run-1', 'cred-A'), 'rest')).toBeUndefined();
    expect(takeUsers(context('run-1', 'cred-A'), 'scim')).toBe(given);
    expect(takeUsers(context('run-1', 'cred-A'), 'scim')).toBeUndefined();
  });

  it('are not kept without a saved credential to tell platforms apart', () => {
    rememberUsers(context('run-3', undefined), 'scim', users(1));
    expect(takeUsers(context('run-3', undefined), 'scim')).toBeUndefined();
  });

  it('keep two runs at most, dropping the oldest', () => {
    rememberUsers(context('run-4', 'cred-A'), 'scim', users(1));
    rememberUsers(context('run-5', 'cred-A'), 'scim', users(1));
    rememberUsers(context('run-6', 'cred-A'), 'scim', users(1));
    expect(takeUsers(context('run-4', 'cred-A'), 'scim')).toBeUndefined();
    expect(takeUsers(context('run-5', 'cred-A'), 'scim')).toHaveLength(1);
    expect(takeUsers(context('run-6', 'cred-A'), 'scim')).toHaveLength(1);
  });

  it('are dropped after ten minutes, should the run stop between the two nodes', () => {
    jest.useFakeTimers({ now: new Date('2026-11-22T02:00:00Z') });
    rememberUsers(context('run-7', 'cred-A'), 'scim', users(1));
    jest.setSystemTime(new Date('2026-11-22T02:10:01Z'));
    expect(takeUsers(context('run-7', 'cred-A'), 'scim')).toBeUndefined();
  });

  it('are kept only when an enabled archive node that does not read again comes after', () => {
    expect(archiveFollows(context('r', 'c', [{ type: ARCHIVE }]))).toBe(true);
    expect(archiveFollows(context('r', 'c', [{ type: 'n8n-nodes-base.noOp' }]))).toBe(false);
    expect(archiveFollows(context('r', 'c', [{ type: ARCHIVE, disabled: true }]))).toBe(false);
    expect(
      archiveFollows(
        context('r', 'c', [{ type: ARCHIVE, parameters: { options: { readAgain: true } } }]),
      ),
    ).toBe(false);
  });
});
