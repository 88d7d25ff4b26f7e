import { applyPlanReport } from '../../../src/apply/apply-plan';
import { oauth2Tokens } from '../../../src/google/oauth2-tokens';
import { GOOGLE_SCOPES } from '../../../src/google/scopes';
import { parseServiceAccountKey } from '../../../src/google/service-account-key';
import { serviceAccountTokens } from '../../../src/google/service-account-tokens';
import { nodeHttpClient } from '../../../src/http/node-http-client';
import { planUpsert } from '../../../src/plan/plan-upsert';
import type { EmployeeRecord } from '../../../src/record/fields';
import { readGoogleSheet } from '../../../src/sources/google-sheets/read-google-sheet';
import { googleSheetsApi } from '../../../src/sources/google-sheets/sheets-api';
import { googleAdminApi } from '../../../src/targets/google-workspace/admin-api';
import { googleWorkspaceMappings } from '../../../src/targets/google-workspace/default-mappings';
import { GoogleWorkspaceDirectory } from '../../../src/targets/google-workspace/google-workspace-directory';
import { withOrgUnitPaths } from '../../../src/targets/google-workspace/org-units';
import { ADMIN, sharedClock, startGoogleSetup, type GoogleSetup } from './google-setup';

/** Everything a run can show a person: results, errors (with their stacks), console lines. */
class Haystack {
  readonly texts: string[] = [];
  add(value: unknown): void {
    if (value instanceof Error) {
      this.texts.push(value.message, String(value.stack), JSON.stringify({ ...value }));
      return;
    }
    this.texts.push(typeof value === 'string' ? value : JSON.stringify(value));
  }
  async settle<T>(work: Promise<T>): Promise<T | undefined> {
    try {
      const value = await work;
      this.add(value);
      return value;
    } catch (error) {
      this.add(error);
      return undefined;
    }
  }
  contains(secret: string): boolean {
    return this.texts.some((text) => text.includes(secret));
  }
}

describe('no key, token or generated password in any output, error or log', () => {
  let setup: GoogleSetup;
  const haystack = new Haystack();
  const logged: jest.SpyInstance[] = [];

  beforeAll(async () => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      logged.push(
        jest
          .spyOn(console, method)
          .mockImplementation((...args: unknown[]) => haystack.add(args.map(String).join(' '))),
      );
    }
    const time = sharedClock();
    setup = await startGoogleSetup(
      { directory: { queriesPerMinute: 15, orgUnits: ['/Staff/Sales'] } },
      time,
    );
    const mappings = googleWorkspaceMappings({ orgUnits: true });
    // Ops maps to an OU the domain lacks: those creates fail with the server's 400.
    const orgUnits = {
      field: 'department',
      paths: { Sales: '/Staff/Sales', Ops: '/Staff/Missing' },
    };
    const records = withOrgUnitPaths(
      Array.from({ length: 12 }, (_, index) => ({
        externalId: `S${index}`,
        firstName: 'Ann',
        lastName: 'Lee',
        department: index % 3 === 0 ? 'Ops' : 'Sales',
        custom: {},
      })) as EmployeeRecord[],
      orgUnits,
    );
    const directory = setup.directory({
      attributes: mappings.map((m) => m.attribute),
      orgUnits,
      queriesPerMinute: 1000,
    });
    setup.peer.directory.landThenFail({ times: 2, method: 'POST' });
    const users = await directory.readUsers([]);
    const plan = planUpsert(records, users, {
      mappings,
      emptySourceValue: 'leave',
      matchByEmail: false,
      externalIdAttribute: directory.externalIdAttribute,
      today: '2026-12-01',
      reactivate: { archivedBySync: new Set() },
    });
    haystack.add(plan);
    await haystack.settle(
      applyPlanReport(plan, directory, {
        retry: { maxAttempts: 8, baseDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 },
        sleep: time.sleep,
      }),
    );
    await haystack.settle(directory.readUsers([]));

    // A service account the Admin console never authorised: the token endpoint refuses it.
    const stranger = setup.peer.addServiceAccount([]);
    const http = nodeHttpClient();
    const refused = new GoogleWorkspaceDirectory(
      googleAdminApi(
        http,
        serviceAccountTokens(http, {
          key: parseServiceAccountKey(stranger.keyJson(setup.peer.tokenUrl)),
          subject: ADMIN,
          now: time.now,
        }),
        { rootUrl: setup.peer.rootUrl, now: time.now, sleep: time.sleep },
      ),
      { attributes: [], primaryEmailTemplate: '{firstName}@example.com' },
    );
    await haystack.settle(refused.readUsers([]));
    await haystack.settle(applyPlanReport(plan, refused, { sleep: time.sleep }));

    // OAuth2 with a revoked refresh token, and a sheet read refused.
    const oauth = oauth2Tokens(http, {
      clientId: 'cid',
      clientSecret: 'oauth-client-secret-123',
      refreshToken: 'oauth-refresh-456',
      tokenUrl: setup.peer.tokenUrl,
    });
    await haystack.settle(oauth.accessToken([GOOGLE_SCOPES.sheetsReadOnly]));
    const sheets = googleSheetsApi(
      http,
      serviceAccountTokens(http, {
        key: parseServiceAccountKey(setup.account.keyJson(setup.peer.tokenUrl)),
        now: time.now,
      }),
      { rootUrl: setup.peer.rootUrl, now: time.now, sleep: time.sleep },
    );
    await haystack.settle(readGoogleSheet(sheets, { spreadsheet: '1NotSharedAtAll_abcdefghij' }));
  });
  afterAll(async () => {
    for (const spy of logged) spy.mockRestore();
    await setup.peer.close();
  });

  it('made the writes it was meant to, and failed the ones the server refused', () => {
    expect(setup.peer.directory.store.passwords.size).toBe(8);
    expect(haystack.contains('INVALID_OU_ID')).toBe(true);
    expect(haystack.contains('unauthorized_client')).toBe(true);
  });

  it('shows no generated password anywhere', () => {
    const passwords = [...setup.peer.directory.store.passwords.values()];
    expect(passwords.length).toBeGreaterThan(0);
    for (const password of passwords) expect(haystack.contains(password)).toBe(false);
  });

  it('shows no part of the private key, and no access token', () => {
    const keyLines = setup.account.privateKeyPem
      .split('\n')
      .filter((line) => line.length > 20 && !line.includes('PRIVATE KEY'));
    expect(keyLines.length).toBeGreaterThan(10);
    for (const line of keyLines) expect(haystack.contains(line)).toBe(false);
    const tokens = setup.peer.tokens.issuedTokens().map((issued) => issued.token);
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) expect(haystack.contains(token)).toBe(false);
  });

  it('shows no OAuth2 client secret or refresh token', () => {
    expect(haystack.contains('oauth-client-secret-123')).toBe(false);
    expect(haystack.contains('oauth-refresh-456')).toBe(false);
  });
});
