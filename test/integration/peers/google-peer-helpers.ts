import { parseServiceAccountKey } from '../../../src/google/service-account-key';
import { signAssertion } from '../../../src/google/jwt-assertion';
import type { GooglePeer, TestServiceAccount } from '../../peers/google';

export const DIRECTORY_SCOPE = 'https://www.googleapis.com/auth/admin.directory.user';
export const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets.readonly';

/** Posts a JWT-bearer grant as Google's page shows it, and returns the raw answer. */
export async function postAssertion(
  peer: GooglePeer,
  account: TestServiceAccount,
  claims: { scopes: string[]; subject?: string; issuedAt?: number; audience?: string },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const key = parseServiceAccountKey(account.keyJson(peer.tokenUrl));
  const assertion = signAssertion(key, {
    scopes: claims.scopes,
    audience: claims.audience ?? peer.tokenUrl,
    issuedAt: claims.issuedAt ?? Math.floor(Date.now() / 1000),
    ...(claims.subject ? { subject: claims.subject } : {}),
  });
  return postForm(peer.tokenUrl, {
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    assertion,
  });
}

export async function postForm(
  url: string,
  form: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A token for the account acting as `subject`, with `scopes`. */
export async function tokenFor(
  peer: GooglePeer,
  account: TestServiceAccount,
  scopes: string[],
  subject?: string,
): Promise<string> {
  const { status, body } = await postAssertion(peer, account, {
    scopes,
    ...(subject ? { subject } : {}),
  });
  if (status !== 200) throw new Error(`token refused: ${JSON.stringify(body)}`);
  return String(body.access_token);
}

export async function call(
  url: string,
  token: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

/** Google's reason for an error answer, in either error shape. */
export function reasonOf(body: Record<string, unknown>): string | undefined {
  const error = body.error as { errors?: Array<{ reason?: string }>; status?: string } | undefined;
  return error?.errors?.[0]?.reason ?? error?.status;
}
