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
import { redactUrl } from '../../sources/redact-url';
import { callTarget } from '../http-json';
import { RemoteError } from '../remote-error';
import { attributeFingerprint, type SentMemory } from './sent-fingerprints';

/**
 * A platform with a plain JSON API in the shape of the Springest seed: POST one user to
 * create or update it (matched by external ID, else e-mail), GET a user by external ID,
 * and, where the platform has one, GET a paged list.
 *
 * The POST matches on e-mail when it does not know the external ID, so a create sent with
 * an e-mail another account holds would give that account to the new employee. A create
 * is therefore sent only for an e-mail known to be free: the list holds everyone; in lookup
 * mode each wanted user is also looked up by e-mail where the API can (`emailLookupParam`),
 * and where it cannot the create goes in two POSTs, the account first without its e-mail
 * and then the e-mail by external ID, which the platform matches first.
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
  /** Query parameter of a GET by e-mail, where the API has one (the seed's has not). */
  emailLookupParam?: string;
  /** What the sync remembers having sent, for a lookup that returns few attributes. */
  sentMemory?: SentMemory;
}

export const SPRINGEST_SHAPE: Omit<RestDirectoryOptions, 'baseUrl' | 'attributes'> = {
  usersPath: '/users.json',
  // The seed documents a GET by external_id and no list.
  readMode: 'lookup',
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

interface Holder {
  id: string;
  externalId?: string;
}

export class RestDirectory implements Directory {
  readonly label: string;
  readonly externalIdAttribute: string;
  /**
   * External ID → fingerprint of the attributes this directory wrote successfully in this
   * run (creates, updates, reactivations of users in `sentMemory.desired`); the caller
   * stores `sentMemory.lastSent` overlaid with these.
   */
  readonly sent = new Map<string, string>();
  private readonly usersUrl: string;
  /** E-mail (lower case) → the account that holds it, from every read and create. */
  private readonly holders = new Map<string, Holder>();
  /** E-mails a lookup found on no account. */
  private readonly freeEmails = new Set<string>();
  /** E-mail → the external ID a create of this run sent it with. */
  private readonly claimed = new Map<string, string>();
  private listRead = false;
  private readonly fingerprints = new Map<string, string>();

  constructor(
    private readonly http: HttpClient,
    private readonly options: RestDirectoryOptions,
  ) {
    const base = options.baseUrl.replace(/\/+$/, '');
    const path = options.usersPath.startsWith('/') ? options.usersPath : `/${options.usersPath}`;
    this.usersUrl = `${base}${path}`;
    // Scheme, host, port and path only: a query string or user info may carry the key.
    this.label = `The platform API at ${redactUrl(base)
      .replace(/[?#].*$/s, '')
      .replace(/\/+$/, '')}`;
    this.externalIdAttribute = options.externalIdAttribute;
  }

  capabilities(): Promise<DirectoryCapabilities> {
    return Promise.resolve(this.options.readMode === 'lookup' ? { readsOnlyAskedUsers: true } : {});
  }

  async readUsers(desired: readonly DesiredUserKey[]): Promise<DirectoryUser[]> {
    if (this.options.readMode === 'list') {
      const users = await this.readList();
      this.listRead = true;
      return users;
    }
    const found = await runLimited(desired, this.options.lookupConcurrency ?? 4, async (key) => {
      const byId = await this.lookup(this.options.externalIdAttribute, key.externalId);
      if (byId || !key.email) return byId;
      // No account carries the external ID: the one that holds the e-mail is returned as it
      // is (with its own external ID, or none), so the plan never creates over it.
      return this.lookupEmail(key.email);
    });
    const seen = new Set<string>();
    return found.filter((user): user is DirectoryUser => {
      if (!user || seen.has(user.id)) return false;
      seen.add(user.id);
      return true;
    });
  }

  /**
   * The users with these external IDs, looked up one by one (those the platform does not
   * know are left out): for archiving on a platform without a list.
   */
  async lookupUsers(externalIds: Iterable<string>): Promise<DirectoryUser[]> {
    const found = await runLimited(
      [...new Set(externalIds)],
      this.options.lookupConcurrency ?? 4,
      (externalId) => this.lookup(this.options.externalIdAttribute, externalId),
    );
    return found.filter((user): user is DirectoryUser => user !== undefined);
  }

  /**
   * This directory as Archive Missing Users needs it on a platform without a list: its
   * "every user" is the lookup of these external IDs (the sync's owned users, and the
   * leavers the snapshot names by an end date), so the archive plans on them and the brakes
   * count them. Writes go through this directory.
   */
  archiveView(externalIds: Iterable<string>): Directory {
    const ids = [...externalIds];
    return {
      label: this.label,
      externalIdAttribute: this.externalIdAttribute,
      capabilities: () => Promise.resolve({}),
      readUsers: () => this.lookupUsers(ids),
      write: (write) => this.write(write),
    };
  }

  private async readList(): Promise<DirectoryUser[]> {
    const users: DirectoryUser[] = [];
    let previous: string | undefined;
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
      const read = items.map((item) => this.toUser(item));
      const ids = read.map((user) => user.id).join('\n');
      if (items.length > 0 && ids === previous) {
        throw new RemoteError(
          `${this.label} answered page ${page} with the same users as page ${page - 1}: it seems to ignore the "${this.options.pageParam}" parameter, so its list cannot be read to the end; check the page parameter, or read users one by one by external ID`,
          { retryable: false },
        );
      }
      previous = ids;
      users.push(...read);
      const total = Array.isArray(body) ? NaN : Number(body?.total ?? NaN);
      // The total, when the API gives one, decides; a short page may just be the server's cap.
      const done = Number.isFinite(total)
        ? users.length >= total
        : items.length < this.options.pageSize;
      if (items.length === 0 || done) return users;
    }
  }

  private async lookup(parameter: string, value: string): Promise<DirectoryUser | undefined> {
    const response = await callTarget(
      this.http,
      this.label,
      { method: 'GET', url: this.usersUrl, query: { [parameter]: value } },
      (status) => (status >= 200 && status < 300) || status === 404,
    );
    if (response.status === 404 || !response.body || typeof response.body !== 'object')
      return undefined;
    return this.toUser(response.body as Json);
  }

  /** The account holding this e-mail, where the API can look one up; notes a free e-mail. */
  private async lookupEmail(email: string): Promise<DirectoryUser | undefined> {
    const parameter = this.options.emailLookupParam;
    if (!parameter) return undefined;
    const user = await this.lookup(parameter, email);
    if (!user) this.freeEmails.add(email.trim().toLowerCase());
    return user;
  }

  private toUser(item: Json): DirectoryUser {
    const read: Record<string, AttributeValue> = {};
    for (const name of this.options.attributes) {
      // A key the API does not return stays unknown, so the plan sends it rather than guess.
      if (name in item) read[name] = toValue(item[name]);
    }
    const externalId = item[this.options.externalIdAttribute];
    const email = item[this.options.emailAttribute] ?? item.user_email;
    const id = String(item[this.options.idAttribute] ?? '');
    const hasId = typeof externalId === 'string' && externalId !== '';
    if (typeof email === 'string' && email) {
      this.holders.set(email.trim().toLowerCase(), { id, ...(hasId ? { externalId } : {}) });
    }
    const active = item[this.options.activeAttribute];
    return {
      id,
      ...(hasId ? { externalId } : {}),
      ...(typeof email === 'string' && email ? { email } : {}),
      // Some APIs answer "false" as text.
      active: !(active === false || active === 'false'),
      attributes: hasId ? this.remembered(externalId, read) : read,
    };
  }

  /**
   * What the API did not return, taken from tonight's desired attributes when the sync
   * remembers having sent exactly those: the plan then finds nothing to send.
   */
  private remembered(
    externalId: string,
    read: Record<string, AttributeValue>,
  ): Record<string, AttributeValue> {
    const memory = this.options.sentMemory;
    const desired = memory?.desired.get(externalId);
    const last = memory?.lastSent.get(externalId);
    if (!desired || !last || this.fingerprintOf(externalId, desired) !== last) return read;
    return { ...desired, ...read };
  }

  private fingerprintOf(externalId: string, desired: Readonly<Record<string, AttributeValue>>) {
    let fingerprint = this.fingerprints.get(externalId);
    if (fingerprint === undefined) {
      fingerprint = attributeFingerprint(desired);
      this.fingerprints.set(externalId, fingerprint);
    }
    return fingerprint;
  }

  async write(write: DirectoryWrite): Promise<string> {
    const id = write.kind === 'create' ? await this.create(write) : await this.post(write);
    if (write.kind === 'create' || write.kind === 'update' || write.kind === 'reactivate') {
      const desired = this.options.sentMemory?.desired.get(write.externalId);
      if (desired) this.sent.set(write.externalId, this.fingerprintOf(write.externalId, desired));
    }
    return id;
  }

  private async post(write: DirectoryWrite, body: Json = this.bodyOf(write)): Promise<string> {
    const response = await callTarget(this.http, this.label, {
      method: 'POST',
      url: this.usersUrl,
      body,
    });
    const id = (response.body as Json | undefined)?.[this.options.idAttribute];
    if (id !== undefined && id !== null && id !== '') return String(id);
    return write.kind === 'create' ? '' : write.user.id;
  }

  /**
   * A create, sent only where the platform's e-mail match cannot hand it another account:
   * refused when the e-mail is known to belong to another account (or to one without an
   * external ID, which only e-mail matching may adopt), or to another create of this run.
   */
  private async create(write: Extract<DirectoryWrite, { kind: 'create' }>): Promise<string> {
    const { emailAttribute, externalIdAttribute } = this.options;
    const given = write.attributes[emailAttribute];
    const email = typeof given === 'string' ? given.trim().toLowerCase() : '';
    if (!email) return this.post(write);
    this.refuseTaken(email, write.externalId);
    const claimedBy = this.claimed.get(email);
    if (claimedBy !== undefined && claimedBy !== write.externalId) {
      throw new RemoteError(
        `Not created: the e-mail ${email} was already sent with external ID ${claimedBy} in this run, and the platform would match the two by e-mail; nothing was sent`,
        { retryable: false },
      );
    }
    this.claimed.set(email, write.externalId);
    let free = this.listRead || this.freeEmails.has(email);
    if (!free && this.options.emailLookupParam) {
      await this.lookupEmail(email);
      this.refuseTaken(email, write.externalId);
      free = this.freeEmails.has(email);
    }
    if (free) {
      const id = await this.post(write);
      this.holders.set(email, { id, externalId: write.externalId });
      return id;
    }
    // Nothing tells whether the e-mail is free: the account first, without it, then the
    // e-mail by external ID, which the platform matches before any e-mail.
    const body = Object.fromEntries(
      Object.entries(this.bodyOf(write)).filter(([name]) => name !== emailAttribute),
    );
    const id = await this.post(write, body);
    try {
      await this.post(write, { [externalIdAttribute]: write.externalId, [emailAttribute]: given });
    } catch (error) {
      if (!(error instanceof RemoteError)) throw error;
      throw new RemoteError(
        `${error.message}: the account for ${write.externalId} was created without its e-mail ${email}, which the platform refused (it may belong to another account); resolve it by hand`,
        {
          retryable: error.retryable,
          ...(error.status !== undefined ? { status: error.status } : {}),
          ...(error.detail !== undefined ? { detail: error.detail } : {}),
        },
      );
    }
    this.holders.set(email, { id, externalId: write.externalId });
    return id;
  }

  private refuseTaken(email: string, externalId: string): void {
    const holder = this.holders.get(email);
    if (!holder || holder.externalId === externalId) return;
    const whose = holder.externalId
      ? `with external ID ${holder.externalId}`
      : 'without an external ID (only e-mail matching may adopt it)';
    throw new RemoteError(
      `Not created: the e-mail ${email} belongs to the platform's account ${holder.id} ${whose}, and a create with it would let the platform's e-mail match give that account to ${externalId}; nothing was sent. Resolve it by hand`,
      { retryable: false },
    );
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
    if (write.kind === 'manager') {
      // Never planned: the capabilities do not offer manager links.
      throw new RemoteError(`${this.label} has no call to link a manager`, { retryable: false });
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
