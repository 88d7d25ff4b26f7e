import type { GraphApi, GraphBatchRequest, GraphBatchResponse } from '../../graph/graph-api';
import type { HttpMethod, HttpResponse } from '../../http/http-client';
import { redactUrl } from '../../sources/redact-url';
import type {
  AttributeValue,
  DesiredUserKey,
  Directory,
  DirectoryCapabilities,
  DirectoryUser,
  DirectoryWrite,
} from '../directory';
import { RemoteError } from '../remote-error';
import {
  assertEntraAttribute,
  putAttribute,
  readAttribute,
  selectedProperty,
} from './entra-attributes';
import { answerError, isNameTaken, scrubError } from './entra-errors';
import { initialPassword } from './initial-password';
import { PrincipalNames } from './principal-names';
import { assertPrincipalNameTemplate, principalNameBase } from './user-principal-name';

export interface EntraDirectoryOptions {
  /** The mapped attributes: Graph user properties, as the field mappings name them. */
  attributes: readonly string[];
  /**
   * The sign-in name of a new user, e.g. `{firstName}.{lastName}@contoso.com`. Needed to
   * create users only: an archive run reads, disables and deletes without one.
   */
  userPrincipalNameTemplate?: string;
  /** The mail alias of a new user; by default the user principal name's part before the @. */
  mailNicknameTemplate?: string;
  /** What `email` (the planner's e-mail fallback match) is read from; default `mail`. */
  matchFallback?: 'none' | 'mail' | 'userPrincipalName';
  /** Read each user's manager (`$expand=manager`), for runs that link managers. */
  readManagers?: boolean;
  /** "Already exists" answers one create may meet before it fails (default 20). */
  maxNameConflicts?: number;
  /** Makes a new user's first password (default: 20 random characters from node:crypto). */
  newPassword?: () => string;
}

type Json = Record<string, unknown>;

/** One Graph call a write makes. */
interface Call {
  method: HttpMethod;
  /** Below the version root: `/users/{id}`. */
  path: string;
  body?: Json;
  /** A 404 is what the write wants (the user is gone, there is no manager): success. */
  goneIsDone?: boolean;
  /** The password a create carries: masked in anything that comes back. */
  secret?: string;
  /** The sign-in name a create asks for. */
  userPrincipalName?: string;
}

const BATCH_LIMIT = 20;
const ALWAYS_SELECTED = ['id', 'employeeId', 'mail', 'userPrincipalName', 'accountEnabled'];

/**
 * Microsoft Entra ID through Microsoft Graph, as a Directory: the external ID lives in
 * employeeId (at most 16 characters), a new user gets a sign-in name from a template and a
 * random first password it must change, and several writes go in one `$batch`
 * (https://learn.microsoft.com/graph/json-batching).
 */
export class EntraDirectory implements Directory {
  readonly label: string;
  readonly externalIdAttribute = 'employeeId';
  private readonly select: string;
  private readonly names = new PrincipalNames();

  constructor(
    private readonly graph: GraphApi,
    private readonly options: EntraDirectoryOptions,
  ) {
    for (const attribute of options.attributes) assertEntraAttribute(attribute);
    if (options.userPrincipalNameTemplate !== undefined)
      assertPrincipalNameTemplate(options.userPrincipalNameTemplate, 'user principal name');
    if (options.mailNicknameTemplate)
      assertPrincipalNameTemplate(options.mailNicknameTemplate, 'mail nickname');
    this.label = `Microsoft Entra ID at ${graphLabelUrl(graph.baseUrl)}`;
    this.select = [
      ...new Set([...ALWAYS_SELECTED, ...options.attributes.map(selectedProperty)]),
    ].join(',');
  }

  capabilities(): Promise<DirectoryCapabilities> {
    // employeeId "Maximum length is 16 characters" (https://learn.microsoft.com/graph/api/resources/user).
    return Promise.resolve({
      bulk: { maxOperations: BATCH_LIMIT },
      canDelete: true,
      managers: true,
      maxExternalIdLength: 16,
    });
  }

  /**
   * Every user, with exactly the mapped properties (most are "returned only on $select",
   * https://learn.microsoft.com/graph/api/user-list). `$top` may be 999; with
   * `$expand=manager` Graph gives at most 100 a page whatever `$top` says, and the pages
   * follow @odata.nextLink either way. Each sign-in name read is taken for new users.
   */
  async readUsers(_desired?: readonly DesiredUserKey[]): Promise<DirectoryUser[]> {
    const query: Record<string, string | number> = { $select: this.select, $top: 999 };
    if (this.options.readManagers) query.$expand = 'manager($select=id)';
    const users: DirectoryUser[] = [];
    for await (const page of this.graph.pages<Json>('/users', query)) {
      for (const user of page) {
        this.names.take(stringOf(user.userPrincipalName));
        this.names.take(stringOf(user.mail));
        users.push(this.toUser(user));
      }
    }
    return users;
  }

  /**
   * The id of the user whose employeeId is exactly this one. Filtering on employeeId is an
   * advanced query: ConsistencyLevel eventual and $count=true
   * (https://learn.microsoft.com/graph/aad-advanced-queries). Being eventual, it can miss
   * a user made seconds ago; a create sent again then meets its own sign-in name, which
   * `nameTaken` recognises, so it is still not made twice.
   */
  async findUserIdByExternalId(externalId: string): Promise<string | undefined> {
    const page = await this.graph.getJson<{ value?: Json[] }>(
      '/users',
      {
        $filter: `employeeId eq '${externalId.replace(/'/g, "''")}'`,
        $count: 'true',
        $select: 'id,employeeId',
        $top: 10,
      },
      { ConsistencyLevel: 'eventual' },
    );
    const match = (page.value ?? []).find(
      (user) => user.employeeId === externalId && typeof user.id === 'string',
    );
    return match ? String(match.id) : undefined;
  }

  async write(write: DirectoryWrite): Promise<string> {
    for (;;) {
      const call = this.callFor(write);
      let response: HttpResponse;
      try {
        response = await this.graph.request({
          method: call.method,
          path: call.path,
          ...(call.body ? { body: call.body } : {}),
        });
      } catch (error) {
        throw scrubError(error, call.secret);
      }
      const result = await this.settle(
        write,
        call,
        response.status,
        response.headers,
        response.body,
      );
      if (result === 'again') continue;
      if (result.status === 'fulfilled') return result.value;
      throw result.reason;
    }
  }

  /**
   * Up to 20 writes a `$batch`, each settled on its own from its inner answer: an inner 429
   * or 503 is a retryable RemoteError with that answer's Retry-After, for the apply stage to
   * send again. A create whose sign-in name Graph reports taken goes again at once, inside
   * this call, with the next free name: the 400 is not a passing fault, so it should neither
   * wait out a backoff nor spend one of the apply stage's tries, and the next name is known
   * here.
   */
  async writeBulk(writes: readonly DirectoryWrite[]): Promise<Array<PromiseSettledResult<string>>> {
    const results: Array<PromiseSettledResult<string> | undefined> = writes.map(() => undefined);
    let pending = writes.map((_write, index) => index);
    while (pending.length > 0) {
      const calls = new Map<number, Call>();
      for (const index of pending) {
        try {
          calls.set(index, this.callFor(writes[index]!));
        } catch (error) {
          results[index] = { status: 'rejected', reason: error };
        }
      }
      const again: number[] = [];
      const sent = [...calls.keys()];
      for (let start = 0; start < sent.length; start += BATCH_LIMIT) {
        const chunk = sent.slice(start, start + BATCH_LIMIT);
        again.push(...(await this.sendBatch(chunk, writes, calls, results)));
      }
      pending = again;
    }
    return results.map(
      (result) =>
        result ?? {
          status: 'rejected',
          reason: new RemoteError(`${this.label} gave no answer to a write`, { retryable: true }),
        },
    );
  }

  /** One `$batch`; resolves with the writes to send again (a create with a taken name). */
  private async sendBatch(
    chunk: readonly number[],
    writes: readonly DirectoryWrite[],
    calls: ReadonlyMap<number, Call>,
    results: Array<PromiseSettledResult<string> | undefined>,
  ): Promise<number[]> {
    const requests: GraphBatchRequest[] = chunk.map((index) => {
      const call = calls.get(index)!;
      return {
        id: String(index + 1),
        method: call.method,
        url: call.path,
        ...(call.body ? { body: call.body, headers: { 'Content-Type': 'application/json' } } : {}),
      };
    });
    const secrets = chunk.flatMap((index) => calls.get(index)?.secret ?? []);
    let responses: GraphBatchResponse[];
    try {
      responses = await this.graph.batch(requests);
    } catch (error) {
      const reason = scrubError(error, secrets);
      // A refused credential stops the run (the apply stage wants it thrown); any other
      // failure of the batch as a whole fails its writes, for the apply stage to retry.
      if (reason instanceof RemoteError && reason.isAuthFailure) throw reason;
      for (const index of chunk) results[index] = { status: 'rejected', reason };
      return [];
    }
    const again: number[] = [];
    for (const [position, index] of chunk.entries()) {
      const response =
        responses.find((answer) => answer.id === requests[position]!.id) ?? responses[position];
      const write = writes[index]!;
      const call = calls.get(index)!;
      if (!response) {
        results[index] = {
          status: 'rejected',
          reason: new RemoteError(
            `${this.label} gave no answer for ${write.externalId} in a batch`,
            {
              retryable: true,
            },
          ),
        };
        continue;
      }
      const result = await this.settle(
        write,
        call,
        response.status,
        response.headers,
        response.body,
      );
      if (result === 'again') again.push(index);
      else results[index] = result;
    }
    return again;
  }

  /** A write's answer: its id, its error, or `again` for a create to resend with the next name. */
  private async settle(
    write: DirectoryWrite,
    call: Call,
    status: number,
    headers: Record<string, string>,
    body: unknown,
  ): Promise<PromiseSettledResult<string> | 'again'> {
    if (status >= 200 && status < 300) {
      if (write.kind !== 'create') return { status: 'fulfilled', value: write.user.id };
      const id = (body as Json | undefined)?.id;
      if (typeof id === 'string' && id !== '') return { status: 'fulfilled', value: id };
      return rejected(
        new RemoteError(`${this.label} created ${write.externalId} but did not say its id`, {
          retryable: false,
        }),
      );
    }
    if (status === 404 && call.goneIsDone && write.kind !== 'create') {
      return { status: 'fulfilled', value: write.user.id };
    }
    if (write.kind === 'create' && isNameTaken(status, body)) {
      try {
        return await this.nameTaken(write, call, status, headers, body);
      } catch (error) {
        return rejected(scrubError(error, call.secret));
      }
    }
    return rejected(
      answerError(
        `${this.label}: ${call.method} ${call.path} for ${write.externalId}`,
        status,
        headers,
        body,
        call.secret,
      ),
    );
  }

  /**
   * Graph says the sign-in name exists. It may be this very employee, made by a try whose
   * answer was lost (a GET by name is not eventual, unlike the employeeId filter): then
   * the create is done. Otherwise someone has it, and the next free name is tried.
   */
  private async nameTaken(
    write: Extract<DirectoryWrite, { kind: 'create' }>,
    call: Call,
    status: number,
    headers: Record<string, string>,
    body: unknown,
  ): Promise<PromiseSettledResult<string> | 'again'> {
    const owner = await this.graph.request({
      method: 'GET',
      path: `/users/${encodeURIComponent(call.userPrincipalName ?? '')}`,
      query: { $select: 'id,employeeId' },
    });
    const found = owner.body as Json | undefined;
    if (
      owner.status === 200 &&
      found?.employeeId === write.externalId &&
      typeof found.id === 'string'
    ) {
      return { status: 'fulfilled', value: found.id };
    }
    const next = this.names.next(write.externalId);
    if (next.conflicts <= (this.options.maxNameConflicts ?? 20)) return 'again';
    const error = answerError(
      `${this.label}: every sign-in name tried for ${write.externalId} exists already (up to ${call.userPrincipalName})`,
      status,
      headers,
      body,
      call.secret,
    );
    return rejected(
      new RemoteError(error.message, { status, retryable: false, ...detailOf(error) }),
    );
  }

  /** The Graph call a write makes. Throws a RemoteError for a create no name can be made for. */
  private callFor(write: DirectoryWrite): Call {
    switch (write.kind) {
      case 'create':
        return this.createCall(write);
      case 'delete':
        // Already gone is what a delete wants, so a retried delete is safe.
        return { method: 'DELETE', path: userPath(write.user.id), goneIsDone: true };
      case 'archive':
        return { method: 'PATCH', path: userPath(write.user.id), body: { accountEnabled: false } };
      case 'manager':
        // https://learn.microsoft.com/graph/api/user-post-manager and user-delete-manager.
        return write.managerId === null
          ? { method: 'DELETE', path: `${userPath(write.user.id)}/manager/$ref`, goneIsDone: true }
          : {
              method: 'PUT',
              path: `${userPath(write.user.id)}/manager/$ref`,
              body: {
                '@odata.id': `${this.graph.baseUrl.replace(/\/+$/, '')}${userPath(write.managerId)}`,
              },
            };
      case 'update':
      case 'reactivate': {
        // Only what changed (https://learn.microsoft.com/graph/api/user-update).
        const body: Json = {};
        for (const change of write.changes) putAttribute(body, change.attribute, change.to);
        if (write.kind === 'reactivate') body.accountEnabled = true;
        return { method: 'PATCH', path: userPath(write.user.id), body };
      }
    }
  }

  /**
   * POST /users with what Graph requires of a new user (accountEnabled, displayName,
   * mailNickname, userPrincipalName, passwordProfile:
   * https://learn.microsoft.com/graph/api/user-post-users), the employeeId and the mapped
   * attributes, and a usageLocation from the country (licences need one) unless mapped.
   */
  private createCall(write: Extract<DirectoryWrite, { kind: 'create' }>): Call {
    const template = this.options.userPrincipalNameTemplate;
    if (!template) {
      throw new RemoteError(
        `${this.label} cannot create ${write.externalId}: no user principal name template is set`,
        { retryable: false },
      );
    }
    const record = write.record ?? { externalId: write.externalId, custom: {} };
    const base = principalNameBase(template, this.options.mailNicknameTemplate, {
      ...record,
      externalId: record.externalId ?? write.externalId,
    });
    if ('reason' in base) {
      throw new RemoteError(`${this.label} cannot create ${write.externalId}: ${base.reason}`, {
        retryable: false,
      });
    }
    const name = this.names.nameFor(write.externalId, base);
    const password = (this.options.newPassword ?? initialPassword)();
    const body: Json = {};
    for (const [attribute, value] of Object.entries(write.attributes)) {
      if (attribute === this.externalIdAttribute || value === null) continue;
      putAttribute(body, attribute, value);
    }
    const usageLocation = /^[A-Za-z]{2}$/.exec(record.country?.trim() ?? '')?.[0];
    if (body.usageLocation === undefined && usageLocation)
      body.usageLocation = usageLocation.toUpperCase();
    Object.assign(body, {
      accountEnabled: write.active !== false,
      displayName: displayNameOf(write.attributes, record) || write.externalId,
      employeeId: write.externalId,
      userPrincipalName: name.userPrincipalName,
      mailNickname: name.mailNickname,
      passwordProfile: { forceChangePasswordNextSignIn: true, password },
    });
    return {
      method: 'POST',
      path: '/users',
      body,
      secret: password,
      userPrincipalName: name.userPrincipalName,
    };
  }

  private toUser(user: Json): DirectoryUser {
    const attributes: Record<string, AttributeValue> = {};
    for (const attribute of this.options.attributes) {
      attributes[attribute] = readAttribute(user, attribute);
    }
    const externalId = stringOf(user.employeeId);
    const fallback = this.options.matchFallback ?? 'mail';
    const email = fallback === 'none' ? undefined : stringOf(user[fallback]);
    const manager = user.manager as Json | null | undefined;
    return {
      id: String(user.id ?? ''),
      ...(externalId ? { externalId } : {}),
      ...(email ? { email } : {}),
      active: user.accountEnabled !== false,
      attributes,
      ...(this.options.readManagers ? { managerId: stringOf(manager?.id) ?? null } : {}),
    };
  }
}

function displayNameOf(
  attributes: Record<string, AttributeValue>,
  record: { firstName?: string; lastName?: string },
): string {
  const mapped = attributes.displayName;
  if (typeof mapped === 'string' && mapped.trim()) return mapped.trim();
  const first = record.firstName?.trim() || stringOf(attributes.givenName) || '';
  const last = record.lastName?.trim() || stringOf(attributes.surname) || '';
  return `${first} ${last}`.trim();
}

function userPath(id: string): string {
  return `/users/${encodeURIComponent(id)}`;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function rejected(reason: unknown): PromiseRejectedResult {
  return { status: 'rejected', reason };
}

function detailOf(error: RemoteError): { detail?: string } {
  return error.detail === undefined ? {} : { detail: error.detail };
}

/** The Graph root as messages show it: no user name, password, query or fragment. */
function graphLabelUrl(baseUrl: string): string {
  return redactUrl(baseUrl)
    .replace(/[?#].*$/s, '')
    .replace(/\/+$/, '');
}
