import { runLimited } from '../../apply/run-limited';
import type { HttpClient } from '../../http/http-client';
import type {
  AttributeValue,
  DesiredUserKey,
  Directory,
  DirectoryCapabilities,
  DirectoryUser,
  DirectoryWrite,
} from '../directory';
import { redactUrl } from '../../sources/redact-url';
import { callTarget, serverDetail } from '../http-json';
import { RemoteError, isRetryableStatus, parseRetryAfter } from '../remote-error';
import { PATCH_SCHEMA, patchOperations } from './scim-patch';
import { parseScimPath, readScimPath, writeScimPath, type ScimPath } from './scim-path';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

export interface ScimDirectoryOptions {
  /** Base URL of the SCIM service, e.g. https://platform.example/scim/v2. */
  baseUrl: string;
  /** The mapped attribute paths; the users are flattened on exactly these. */
  attributes: readonly string[];
  /** Users per list page (servers cap it with their own maximum). */
  pageSize?: number;
  /** List pages read at a time once the first page has given the total (default 4). */
  readConcurrency?: number;
}

type Json = Record<string, unknown>;

/** A SCIM 2.0 service provider (RFC 7643/7644) as a Directory. */
export class ScimDirectory implements Directory {
  readonly label: string;
  readonly externalIdAttribute = 'externalId';
  private readonly baseUrl: string;
  private readonly paths: Map<string, ScimPath>;
  private capabilityCache: Promise<DirectoryCapabilities> | undefined;

  constructor(
    private readonly http: HttpClient,
    private readonly options: ScimDirectoryOptions,
  ) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.label = `The SCIM platform at ${scimLabelUrl(this.baseUrl)}`;
    this.paths = new Map(
      options.attributes.map((attribute) => [attribute, parseScimPath(attribute)]),
    );
  }

  capabilities(): Promise<DirectoryCapabilities> {
    this.capabilityCache ??= this.readCapabilities().catch((error: unknown) => {
      this.capabilityCache = undefined;
      // Without a readable ServiceProviderConfig the writes go one by one; a refused token still stops.
      if (error instanceof RemoteError && error.isAuthFailure) throw error;
      return { canDelete: true, managers: true };
    });
    return this.capabilityCache;
  }

  private async readCapabilities(): Promise<DirectoryCapabilities> {
    const response = await callTarget(this.http, this.label, {
      method: 'GET',
      url: `${this.baseUrl}/ServiceProviderConfig`,
    });
    const bulk = (response.body as Json | undefined)?.bulk as Json | undefined;
    const maxOperations = Number(bulk?.maxOperations ?? 0);
    // SCIM always has DELETE /Users/{id} (RFC 7644 §3.6).
    const usable = bulk?.supported === true && maxOperations > 0;
    return { canDelete: true, managers: true, ...(usable ? { bulk: { maxOperations } } : {}) };
  }

  /**
   * Every user. The first page gives the total and the server's real page size (it may cap
   * `count`); startIndex is a plain offset, so the other pages are then read
   * `readConcurrency` at a time, in order. Should the pages not add up (a short page before
   * the end, or a total that moved: users were added or removed during the read), the read
   * starts over one page after another, as a client without parallel reads would.
   */
  async readUsers(_desired?: readonly DesiredUserKey[]): Promise<DirectoryUser[]> {
    const first = await this.readPage(1);
    const step = first.users.length;
    if (step === 0 || 1 + step > first.total) return first.users;
    const starts: number[] = [];
    for (let start = 1 + step; start <= first.total; start += step) starts.push(start);
    const pages = await runLimited(starts, this.options.readConcurrency ?? 4, (start) =>
      this.readPage(start),
    );
    const addsUp = pages.every(
      (page, index) =>
        page.total === first.total &&
        page.users.length === Math.min(step, first.total - starts[index]! + 1),
    );
    if (!addsUp) return this.readPageAfterPage();
    return [first, ...pages].flatMap((page) => page.users);
  }

  private async readPageAfterPage(): Promise<DirectoryUser[]> {
    const users: DirectoryUser[] = [];
    for (let startIndex = 1; ;) {
      const page = await this.readPage(startIndex);
      users.push(...page.users);
      startIndex += page.users.length;
      if (page.users.length === 0 || startIndex > page.total) return users;
    }
  }

  private async readPage(startIndex: number): Promise<{ total: number; users: DirectoryUser[] }> {
    const response = await callTarget(this.http, this.label, {
      method: 'GET',
      url: `${this.baseUrl}/Users`,
      query: { startIndex, count: this.options.pageSize ?? 200 },
    });
    const page = response.body as Json | undefined;
    const resources = Array.isArray(page?.Resources) ? (page.Resources as Json[]) : [];
    return {
      total: Number(page?.totalResults ?? 0),
      users: resources.map((resource) => this.toUser(resource)),
    };
  }

  /**
   * The id of the user with exactly this external ID (RFC 7644 §3.4.2.2 filter), for a
   * create whose answer was lost or that met a 409: found, the create is done.
   */
  async findUserIdByExternalId(externalId: string): Promise<string | undefined> {
    const response = await callTarget(this.http, this.label, {
      method: 'GET',
      url: `${this.baseUrl}/Users`,
      query: { filter: `externalId eq ${scimString(externalId)}`, startIndex: 1, count: 10 },
    });
    const resources = (response.body as Json | undefined)?.Resources;
    const match = (Array.isArray(resources) ? (resources as Json[]) : []).find(
      // externalId is caseExact (RFC 7643 §3.1); a lenient server's near match is not it.
      (resource) => resource.externalId === externalId && typeof resource.id === 'string',
    );
    return match ? String(match.id) : undefined;
  }

  async write(write: DirectoryWrite): Promise<string> {
    if (write.kind === 'create') {
      const response = await callTarget(this.http, this.label, {
        method: 'POST',
        url: `${this.baseUrl}/Users`,
        body: this.newResource(write.externalId, write.attributes, write.active !== false),
      });
      return idOf(response.body, this.label);
    }
    const url = `${this.baseUrl}/Users/${encodeURIComponent(write.user.id)}`;
    if (write.kind === 'delete') {
      // Already gone is what a delete wants: a 404 is success, so a retried delete is safe.
      await callTarget(
        this.http,
        this.label,
        { method: 'DELETE', url },
        (status) => status < 300 || status === 404,
      );
      return write.user.id;
    }
    await callTarget(this.http, this.label, { method: 'PATCH', url, body: this.patchBody(write) });
    return write.user.id;
  }

  /** RFC 7644 §3.7: one request, each operation with its own status. */
  async writeBulk(writes: readonly DirectoryWrite[]): Promise<Array<PromiseSettledResult<string>>> {
    const operations = writes.map((write, index) =>
      write.kind === 'create'
        ? {
            method: 'POST',
            bulkId: `op${index}`,
            path: '/Users',
            data: this.newResource(write.externalId, write.attributes, write.active !== false),
          }
        : write.kind === 'delete'
          ? {
              method: 'DELETE',
              bulkId: `op${index}`,
              path: `/Users/${encodeURIComponent(write.user.id)}`,
            }
          : {
              method: 'PATCH',
              bulkId: `op${index}`,
              path: `/Users/${encodeURIComponent(write.user.id)}`,
              data: this.patchBody(write),
            },
    );
    const response = await callTarget(this.http, this.label, {
      method: 'POST',
      url: `${this.baseUrl}/Bulk`,
      body: { schemas: [BULK_REQUEST], failOnErrors: 0, Operations: operations },
    });
    const results = ((response.body as Json | undefined)?.Operations ?? []) as Json[];
    return writes.map((write, index) => this.bulkResult(write, index, results));
  }

  private bulkResult(
    write: DirectoryWrite,
    index: number,
    results: Json[],
  ): PromiseSettledResult<string> {
    // Every operation carries a bulkId; a server that drops it on a PATCH is matched by location.
    const location =
      write.kind === 'create' ? undefined : `/Users/${encodeURIComponent(write.user.id)}`;
    const result =
      results.find((entry) => entry.bulkId === `op${index}`) ??
      (location
        ? results.find((entry) => String(entry.location ?? '').endsWith(location))
        : undefined);
    if (!result) {
      return {
        status: 'rejected',
        reason: new RemoteError(
          `${this.label} gave no result for ${write.externalId} in a bulk request`,
          {
            retryable: true,
          },
        ),
      };
    }
    const status = Number(result.status ?? 0);
    if (status >= 200 && status < 300) {
      const id =
        write.kind === 'create' ? lastSegment(String(result.location ?? '')) : write.user.id;
      return { status: 'fulfilled', value: id };
    }
    // A failed operation carries a SCIM error as its response (RFC 7644 §3.7.3).
    const response = result.response as Json | undefined;
    const retryAfterMs = parseRetryAfter(
      typeof response?.retryAfter === 'string' ? response.retryAfter : undefined,
    );
    const detail = serverDetail(response);
    return {
      status: 'rejected',
      reason: new RemoteError(
        `${this.label} answered ${status} for ${write.externalId} in a bulk request`,
        {
          status,
          retryable: isRetryableStatus(status),
          ...(detail ? { detail } : {}),
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        },
      ),
    };
  }

  private toUser(resource: Json): DirectoryUser {
    const attributes: Record<string, AttributeValue> = {};
    for (const [name, path] of this.paths) attributes[name] = readScimPath(resource, path);
    const externalId = typeof resource.externalId === 'string' ? resource.externalId : undefined;
    const email = primaryEmail(resource);
    return {
      id: String(resource.id ?? ''),
      ...(externalId ? { externalId } : {}),
      ...(email ? { email } : {}),
      active: resource.active !== false,
      attributes,
      managerId: managerIdOf(resource),
      raw: this.listsOf(resource),
    };
  }

  /**
   * What a PATCH of this user can need from its current form: the multi-valued lists that a
   * mapped path with a type filter touches, which a change rebuilds whole (see scim-patch).
   * Keeping just these instead of the whole resource keeps a 100,000-user read to the
   * flattened values; when archiving (no mappings) nothing is kept.
   */
  private listsOf(resource: Json): Json {
    const lists: Json = {};
    for (const path of this.paths.values()) {
      if (path.typeFilter === undefined) continue;
      if (!path.extension) {
        if (resource[path.attribute] !== undefined)
          lists[path.attribute] = resource[path.attribute];
        continue;
      }
      const extension = resource[path.extension] as Json | undefined;
      if (extension?.[path.attribute] === undefined) continue;
      const kept = (lists[path.extension] ??= {}) as Json;
      kept[path.attribute] = extension[path.attribute];
    }
    return lists;
  }

  private newResource(
    externalId: string,
    attributes: Record<string, AttributeValue>,
    active = true,
  ): Json {
    const resource: Json = { schemas: [USER_SCHEMA], externalId, active };
    for (const [name, value] of Object.entries(attributes)) {
      if (name === 'externalId') continue;
      writeScimPath(resource, this.paths.get(name) ?? parseScimPath(name), value);
    }
    // userName is required by SCIM; without a mapped e-mail the external ID is unique too.
    if (typeof resource.userName !== 'string' || resource.userName === '')
      resource.userName = externalId;
    if (resource[ENTERPRISE_SCHEMA]) (resource.schemas as string[]).push(ENTERPRISE_SCHEMA);
    return resource;
  }

  private patchBody(write: Exclude<DirectoryWrite, { kind: 'create' | 'delete' }>): Json {
    if (write.kind === 'archive') {
      return {
        schemas: [PATCH_SCHEMA],
        Operations: [{ op: 'replace', path: 'active', value: false }],
      };
    }
    if (write.kind === 'manager') {
      // RFC 7643 §4.3: the enterprise extension's manager.value is the manager's SCIM id.
      const path = `${ENTERPRISE_SCHEMA}:manager`;
      return {
        schemas: [PATCH_SCHEMA],
        Operations: [
          write.managerId === null
            ? { op: 'remove', path }
            : { op: 'replace', path, value: { value: write.managerId } },
        ],
      };
    }
    return {
      schemas: [PATCH_SCHEMA],
      Operations: patchOperations(write.changes, write.user.raw ?? {}, write.kind === 'reactivate'),
    };
  }
}

function managerIdOf(resource: Json): string | null {
  const manager = (resource[ENTERPRISE_SCHEMA] as Json | undefined)?.manager as Json | undefined;
  return typeof manager?.value === 'string' && manager.value !== '' ? manager.value : null;
}

function primaryEmail(resource: Json): string | undefined {
  const emails = Array.isArray(resource.emails) ? (resource.emails as Json[]) : [];
  const chosen =
    emails.find((email) => email.primary === true) ??
    emails.find((email) => email.type === 'work') ??
    emails[0];
  if (typeof chosen?.value === 'string') return chosen.value;
  const userName = typeof resource.userName === 'string' ? resource.userName : '';
  return userName.includes('@') ? userName : undefined;
}

/** A SCIM filter string literal: JSON's quoting, as RFC 7644 §3.4.2.2 specifies. */
function scimString(value: string): string {
  return JSON.stringify(value);
}

/**
 * The base URL as messages show it: scheme, host, port and path; never a user name,
 * password, query (a tenant key travels there) or fragment.
 */
export function scimLabelUrl(baseUrl: string): string {
  return redactUrl(baseUrl)
    .replace(/[?#].*$/s, '')
    .replace(/\/+$/, '');
}

function idOf(body: unknown, label: string): string {
  const id = (body as Json | undefined)?.id;
  if (typeof id === 'string' && id) return id;
  throw new RemoteError(`${label} created a user but did not say its id`, { retryable: false });
}

function lastSegment(location: string): string {
  return location.split('/').filter(Boolean).pop() ?? '';
}
