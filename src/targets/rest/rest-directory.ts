import type { HttpClient } from '../../http/http-client';
import { runLimited } from '../../apply/run-limited';
import type {
  AttributeValue,
  DesiredUserKey,
  Directory,
  DirectoryCapabilities,
  DirectoryUser,
  DirectoryWrite,
} from '../directory';
import { callTarget } from '../http-json';
import { RemoteError } from '../remote-error';

/**
 * A platform with a plain JSON API in the shape of the Springest seed: POST one user to
 * create or update it (matched by external ID, else e-mail), GET a user by external ID,
 * and, where the platform has one, GET a paged list.
 */
export interface RestDirectoryOptions {
  baseUrl: string;
  /** Path of the users resource, e.g. /users.json. */
  usersPath: string;
  /** `list`: read every user through the paged list; `lookup`: GET each wanted user by external ID. */
  readMode: 'list' | 'lookup';
  /** Query parameter and body attribute that carry the external ID. */
  externalIdAttribute: string;
  /** Body attribute of the primary e-mail (sent along when a user is adopted by e-mail). */
  emailAttribute: string;
  /** Boolean attribute that says the account is active. */
  activeAttribute: string;
  /** Attribute that holds the platform's own id. */
  idAttribute: string;
  /** Key of the list in a list page, e.g. `users`. */
  listKey: string;
  pageParam: string;
  pageSizeParam: string;
  pageSize: number;
  /** The mapped attributes the users are compared on. */
  attributes: readonly string[];
  /** Parallel lookups in `lookup` mode. */
  lookupConcurrency?: number;
}

export const SPRINGEST_SHAPE: Omit<RestDirectoryOptions, 'baseUrl' | 'attributes'> = {
  usersPath: '/users.json',
  readMode: 'list',
  externalIdAttribute: 'external_id',
  emailAttribute: 'email',
  activeAttribute: 'active',
  idAttribute: 'id',
  listKey: 'users',
  pageParam: 'page',
  pageSizeParam: 'per_page',
  pageSize: 100,
};

type Json = Record<string, unknown>;

export class RestDirectory implements Directory {
  readonly label: string;
  readonly externalIdAttribute: string;
  private readonly usersUrl: string;

  constructor(
    private readonly http: HttpClient,
    private readonly options: RestDirectoryOptions,
  ) {
    const base = options.baseUrl.replace(/\/+$/, '');
    const path = options.usersPath.startsWith('/') ? options.usersPath : `/${options.usersPath}`;
    this.usersUrl = `${base}${path}`;
    this.label = `The platform API at ${base}`;
    this.externalIdAttribute = options.externalIdAttribute;
  }

  capabilities(): Promise<DirectoryCapabilities> {
    return Promise.resolve(this.options.readMode === 'lookup' ? { readsOnlyAskedUsers: true } : {});
  }

  async readUsers(desired: readonly DesiredUserKey[]): Promise<DirectoryUser[]> {
    if (this.options.readMode === 'list') return this.readList();
    const found = await runLimited(desired, this.options.lookupConcurrency ?? 4, (key) =>
      this.lookup(key.externalId),
    );
    return found.filter((user): user is DirectoryUser => user !== undefined);
  }

  private async readList(): Promise<DirectoryUser[]> {
    const users: DirectoryUser[] = [];
    for (let page = 1; ; page += 1) {
      const response = await callTarget(this.http, this.label, {
        method: 'GET',
        url: this.usersUrl,
        query: {
          [this.options.pageParam]: page,
          [this.options.pageSizeParam]: this.options.pageSize,
        },
      });
      const body = response.body as Json | Json[] | undefined;
      const items = Array.isArray(body) ? body : ((body?.[this.options.listKey] ?? []) as Json[]);
      if (!Array.isArray(items)) {
        throw new RemoteError(`${this.label} answered a list without "${this.options.listKey}"`, {
          retryable: false,
        });
      }
      for (const item of items) users.push(this.toUser(item));
      const total = Array.isArray(body) ? NaN : Number(body?.total ?? NaN);
      // The total, when the API gives one, decides; a short page may just be the server's cap.
      const done = Number.isFinite(total)
        ? users.length >= total
        : items.length < this.options.pageSize;
      if (items.length === 0 || done) return users;
    }
  }

  private async lookup(externalId: string): Promise<DirectoryUser | undefined> {
    const response = await callTarget(
      this.http,
      this.label,
      {
        method: 'GET',
        url: this.usersUrl,
        query: { [this.options.externalIdAttribute]: externalId },
      },
      (status) => (status >= 200 && status < 300) || status === 404,
    );
    if (response.status === 404 || !response.body || typeof response.body !== 'object')
      return undefined;
    return this.toUser(response.body as Json);
  }

  private toUser(item: Json): DirectoryUser {
    const attributes: Record<string, AttributeValue> = {};
    for (const name of this.options.attributes) {
      // A key the API does not return stays unknown, so the plan sends it rather than guess.
      if (name in item) attributes[name] = toValue(item[name]);
    }
    const externalId = item[this.options.externalIdAttribute];
    const email = item[this.options.emailAttribute] ?? item.user_email;
    const active = item[this.options.activeAttribute];
    return {
      id: String(item[this.options.idAttribute] ?? ''),
      ...(typeof externalId === 'string' && externalId ? { externalId } : {}),
      ...(typeof email === 'string' && email ? { email } : {}),
      // Some APIs answer "false" as text.
      active: !(active === false || active === 'false'),
      attributes,
    };
  }

  async write(write: DirectoryWrite): Promise<string> {
    const response = await callTarget(this.http, this.label, {
      method: 'POST',
      url: this.usersUrl,
      body: this.bodyOf(write),
    });
    const id = (response.body as Json | undefined)?.[this.options.idAttribute];
    if (id !== undefined && id !== null && id !== '') return String(id);
    return write.kind === 'create' ? '' : write.user.id;
  }

  /** The identifier and only what changed: the platform overwrites every field it is sent. */
  private bodyOf(write: DirectoryWrite): Json {
    const { externalIdAttribute, emailAttribute, activeAttribute } = this.options;
    if (write.kind === 'create')
      return {
        ...write.attributes,
        [externalIdAttribute]: write.externalId,
        // A pre-hire is created locked, until the start date.
        [activeAttribute]: write.active !== false,
      };
    if (write.kind === 'delete') {
      throw new RemoteError(`${this.label} has no call to delete a user; the user stays archived`, {
        retryable: false,
      });
    }
    const body: Json = { [externalIdAttribute]: write.externalId };
    // The seed's way to offboard: the account stays, `active: false` locks it.
    if (write.kind === 'archive') return { ...body, [activeAttribute]: false };
    // Adopted by e-mail: the platform finds the account by its e-mail, then takes the ID.
    if (write.user.externalId !== write.externalId && write.user.email)
      body[emailAttribute] = write.user.email;
    for (const change of write.changes) body[change.attribute] = change.to;
    if (write.kind === 'reactivate') body[activeAttribute] = true;
    return body;
  }
}

function toValue(value: unknown): AttributeValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((item) => String(item));
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}
