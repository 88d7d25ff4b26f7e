import type { IExecuteFunctions } from 'n8n-workflow';
import { GOOGLE_RETRY, type EmployeeRecord } from '../../../src';
import { googleApplyRetry, withGoogleOrgUnits } from '../../../nodes/shared/google-platform';
import {
  platformCredentialType,
  platformCredentials,
} from '../../../nodes/shared/platform-properties';
import { syncMemoryStore } from '../../../nodes/shared/sync-memory';
import { rememberUsers, takeUsers } from '../../../nodes/shared/users-this-run';

/** Just what the nodes read of their context: parameters, the node and its credentials. */
function context(parameters: Record<string, unknown>, type = 'userUpsert'): IExecuteFunctions {
  return {
    getNodeParameter: (name: string, _item: number, fallback?: unknown) =>
      name in parameters ? parameters[name] : fallback,
    getNode: () => ({
      name: 'User Upsert',
      type: `n8n-nodes-hr-sync.${type}`,
      // A node switched from one authentication to the other keeps both in its JSON.
      credentials: {
        hrSyncGoogleServiceAccountApi: { id: 'sa-1', name: 'Service account' },
        hrSyncGoogleOAuth2Api: { id: 'oauth-1', name: 'OAuth2' },
      },
    }),
    getExecutionId: () => 'run-1',
    getWorkflow: () => ({ id: 'wf-1', active: false }),
    getWorkflowStaticData: () => ({}),
  } as unknown as IExecuteFunctions;
}

const record = (externalId: string, department: string): EmployeeRecord =>
  ({ externalId, firstName: 'A', lastName: 'B', department, custom: {} }) as EmployeeRecord;

describe('the Google Workspace platform in the nodes', () => {
  it('uses the credential its Authentication names', () => {
    expect(platformCredentialType(context({}), 'googleWorkspace')).toBe(
      'hrSyncGoogleServiceAccountApi',
    );
    expect(
      platformCredentialType(context({ googleAuthentication: 'oAuth2' }), 'googleWorkspace'),
    ).toBe('hrSyncGoogleOAuth2Api');
    expect(platformCredentialType(context({}), 'entra')).toBe('hrSyncMicrosoftGraphApi');
  });

  it('keys the sync memory and the hand-over on the credential actually used', () => {
    process.env.HR_SYNC_MEMORY_DIR = '/tmp/hr-sync-unit-memory';
    try {
      const oauth = context({ target: 'googleWorkspace', googleAuthentication: 'oAuth2' });
      expect(syncMemoryStore(oauth, 'googleWorkspace').location).toContain(
        'googleWorkspace-oauth-1',
      );
      const serviceAccount = context({ target: 'googleWorkspace' });
      expect(syncMemoryStore(serviceAccount, 'googleWorkspace').location).toContain(
        'googleWorkspace-sa-1',
      );
    } finally {
      delete process.env.HR_SYNC_MEMORY_DIR;
    }
    rememberUsers(context({ googleAuthentication: 'oAuth2' }), 'googleWorkspace', []);
    expect(takeUsers(context({}), 'googleWorkspace')).toBeUndefined();
    expect(takeUsers(context({ googleAuthentication: 'oAuth2' }), 'googleWorkspace')).toEqual([]);
  });

  it('shows each Google credential for its Authentication only', () => {
    const google = platformCredentials.filter((credential) =>
      credential.displayOptions?.show?.target?.includes('googleWorkspace'),
    );
    expect(google).toEqual([
      expect.objectContaining({
        name: 'hrSyncGoogleServiceAccountApi',
        testedBy: 'hrSyncGoogleServiceAccountTest',
        displayOptions: {
          show: { target: ['googleWorkspace'], googleAuthentication: ['serviceAccount'] },
        },
      }),
      expect.objectContaining({
        name: 'hrSyncGoogleOAuth2Api',
        displayOptions: { show: { target: ['googleWorkspace'], googleAuthentication: ['oAuth2'] } },
      }),
    ]);
  });

  it('puts each record in the OU its department names, planned through orgUnitPath', () => {
    const node = context({
      googleOrgUnits: { units: [{ value: 'Sales', path: '/Staff/Sales' }] },
      googleOrgUnitFallback: '/Staff',
    });
    const { records, mappings } = withGoogleOrgUnits(
      node,
      [record('E1', 'sales'), record('E2', 'Finance')],
      [{ field: 'firstName', attribute: 'name.givenName', strength: 'always' }],
    );
    expect(records.map((placed) => placed.custom.orgUnitPath)).toEqual(['/Staff/Sales', '/Staff']);
    expect(mappings).toContainEqual({
      field: 'custom.orgUnitPath',
      attribute: 'orgUnitPath',
      strength: 'always',
    });
  });

  it('leaves records and mappings alone without an OU table, and refuses a path without "/"', () => {
    const records = [record('E1', 'Sales')];
    const mappings = [
      { field: 'firstName', attribute: 'name.givenName', strength: 'always' as const },
    ];
    expect(withGoogleOrgUnits(context({}), records, mappings)).toEqual({ records, mappings });
    const wrong = context({ googleOrgUnits: { units: [{ value: 'Sales', path: 'Staff/Sales' }] } });
    expect(() => withGoogleOrgUnits(wrong, records, mappings)).toThrow(
      /must be a path starting with "\/"/,
    );
  });

  it("retries writes on Google's per-minute scale unless the node's options say otherwise", () => {
    expect(googleApplyRetry({})).toEqual(GOOGLE_RETRY);
    expect(googleApplyRetry({ maxAttempts: 3 })).toEqual({ ...GOOGLE_RETRY, maxAttempts: 3 });
  });
});
