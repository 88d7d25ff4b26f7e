import type { EmployeeRecord } from '../../record/fields';
import type { GoogleApi } from '../../google/google-api';
import type {
  AttributeChange,
  AttributeValue,
  DesiredUserKey,
  Directory,
  DirectoryCapabilities,
  DirectoryUser,
  DirectoryWrite,
} from '../directory';
import { RemoteError } from '../remote-error';
import {
  parseGooglePath,
  readGooglePath,
  topLevelKey,
  writeGooglePath,
  type GooglePath,
} from './google-path';
import { orgUnitPathFor, type OrgUnitMapping } from './org-units';
import { randomPassword } from './password';
import { emailFromTemplate, withSuffix } from './primary-email';

export interface GoogleWorkspaceDirectoryOptions {
  /** The mapped attribute paths (see google-path.ts); the users are flattened on exactly these. */
  attributes: readonly string[];
  /** Default `my_customer`: the account of the admin the credential acts as. */
  customer?: string;
  /**
   * Where the HR external ID lives: an `externalIds` entry of type `organization` (default),
   * or a custom attribute the admin names (`{ schema: 'HR', field: 'employeeId' }`).
   */
  externalIdField?: { schema: string; field: string };
  /** New users' primary e-mail: `{firstName}.{lastName}@example.com`; see primary-email.ts. */
  primaryEmailTemplate?: string;
  /** Collision suffixes tried before a create gives up (jane.doe2 … jane.doe{n}); default 20. */
  maxEmailSuffix?: number;
  /** OU for new users from a record field (updates go through the `orgUnitPath` mapping). */
  orgUnits?: OrgUnitMapping;
  /** Default: `custom` with the named schemas when any is used, else `basic`. */
  projection?: 'basic' | 'full' | 'custom';
  /** Users per page, at most 500 (the users.list page's maximum). */
  pageSize?: number;
  /** For tests: the first-password generator. */
  password?: () => string;
}

type Json = Record<string, unknown>;

const USERS = 'admin/directory/v1/users';
const EXTERNAL_ID_PATH = 'externalIds[type eq "organization"].value';

/**
 * Google Workspace users through the Admin SDK Directory API
 * (https://developers.google.com/workspace/admin/directory/reference/rest/v1/users) as a
 * Directory. Archive is `suspended: true`; a delete is `users.delete`; managers are
 * `relations` of type `manager`, whose value is the manager's primary e-mail.
 */
export class GoogleWorkspaceDirectory implements Directory {
  readonly label: string;
  readonly externalIdAttribute: string;
  private readonly externalIdPath: GooglePath;
  private readonly paths: Map<string, GooglePath>;
  private readonly customer: string;
  /** Addresses in use (read, or created in this run), lower case. */
  private readonly taken = new Set<string>();
  /** The address a create chose, by external ID, so its retries keep it. */
  private readonly chosen = new Map<string, string>();
  private readonly emailById = new Map<string, string>();
  private readonly idByEmail = new Map<string, string>();

  constructor(
    private readonly api: GoogleApi,
    private readonly options: GoogleWorkspaceDirectoryOptions,
  ) {
    this.label = `Google Workspace (${api.label})`;
    this.customer = options.customer?.trim() || 'my_customer';
    this.externalIdAttribute = options.externalIdField
      ? `customSchemas.${options.externalIdField.schema}.${options.externalIdField.field}`
      : EXTERNAL_ID_PATH;
    this.externalIdPath = parseGooglePath(this.externalIdAttribute);
    this.paths = new Map(options.attributes.map((name) => [name, parseGooglePath(name)]));
  }

  capabilities(): Promise<DirectoryCapabilities> {
    // No bulk: Google's batch endpoint counts every inner call against the same quota,
    // so it saves round trips, not time, and the pacer is the limit either way.
    return Promise.resolve({ canDelete: true, managers: true });
  }

  /** Every user of the customer, page by page (`pageToken`), managers resolved to ids. */
  async readUsers(_desired?: readonly DesiredUserKey[]): Promise<DirectoryUser[]> {
    const raws: Json[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.api.getJson<{ users?: Json[]; nextPageToken?: string }>(USERS, {
        ...this.listQuery(),
        maxResults: Math.min(500, Math.max(1, this.options.pageSize ?? 500)),
        ...(pageToken ? { pageToken } : {}),
      });
      for (const user of page.users ?? []) {
        raws.push(user);
        this.remember(user);
      }
      pageToken = page.nextPageToken || undefined;
    } while (pageToken);
    return raws.map((user) => this.toUser(user));
  }

  /**
   * The id of the user whose external ID is exactly this, by a users.list search
   * (https://developers.google.com/workspace/admin/directory/v1/guides/search-users:
   * `externalId=` or `schema.field=`, the value single-quoted).
   */
  async findUserIdByExternalId(externalId: string): Promise<string | undefined> {
    const field =
      this.externalIdPath.kind === 'custom'
        ? `${this.externalIdPath.schema}.${this.externalIdPath.field}`
        : 'externalId';
    const page = await this.api.getJson<{ users?: Json[] }>(USERS, {
      ...this.listQuery(),
      maxResults: 10,
      query: `${field}=${searchQuote(externalId)}`,
    });
    // The search is not case-sensitive; an external ID is.
    const match = (page.users ?? []).find(
      (user) =>
        readGooglePath(user, this.externalIdPath) === externalId && typeof user.id === 'string',
    );
    if (match) this.remember(match);
    return match ? String(match.id) : undefined;
  }

  async write(write: DirectoryWrite): Promise<string> {
    switch (write.kind) {
      case 'create':
        return this.create(write);
      case 'delete':
        // Gone already is what a delete wants: a retried delete is safe.
        await this.api.call(
          { method: 'DELETE', path: `${USERS}/${encodeURIComponent(write.user.id)}` },
          (status) => status < 300 || status === 404,
        );
        return write.user.id;
      case 'archive':
        return this.patch(write.user.id, { suspended: true });
      case 'manager':
        return this.patch(write.user.id, await this.managerBody(write.user, write.managerId));
      case 'update':
      case 'reactivate': {
        const body = this.changesBody(write.user, write.changes);
        if (write.kind === 'reactivate') body.suspended = false;
        return this.patch(write.user.id, body);
      }
    }
  }

  private async create(write: Extract<DirectoryWrite, { kind: 'create' }>): Promise<string> {
    const body: Json = {};
    for (const [name, value] of Object.entries(write.attributes)) {
      if (value === null) continue;
      writeGooglePath(body, this.paths.get(name) ?? parseGooglePath(name), value);
    }
    writeGooglePath(body, this.externalIdPath, write.externalId);
    const record = write.record;
    const name = (body.name ?? {}) as Json;
    body.name = {
      ...name,
      givenName: name.givenName ?? record?.firstName ?? write.externalId,
      familyName: name.familyName ?? record?.lastName ?? write.externalId,
    };
    if (body.orgUnitPath === undefined && record && this.options.orgUnits) {
      const path = orgUnitPathFor(record, this.options.orgUnits);
      if (path !== undefined) body.orgUnitPath = path;
    }
    body.suspended = write.active === false;
    body.changePasswordAtNextLogin = true;

    const mapped = typeof body.primaryEmail === 'string' && body.primaryEmail !== '';
    const base = mapped
      ? String(body.primaryEmail).toLowerCase()
      : this.templateEmail(write, record);
    const maxSuffix = mapped ? 1 : Math.max(1, this.options.maxEmailSuffix ?? 20);
    for (let attempt = 1; ; attempt += 1) {
      const email = mapped ? base : this.freeAddress(write.externalId, base);
      const response = await this.api.call(
        {
          method: 'POST',
          path: USERS,
          // The password exists only in this body: never in a message, a result or a log.
          body: {
            ...body,
            primaryEmail: email,
            password: (this.options.password ?? randomPassword)(),
          },
        },
        (status) => (status >= 200 && status < 300) || status === 409,
      );
      if (response.status !== 409) {
        const id = idOf(response.body, this.label);
        this.remember({ ...(response.body as Json), id, primaryEmail: email });
        return id;
      }
      // 409 duplicate: an earlier try of this very create landed, or the address is taken.
      const landed = await this.findUserIdByExternalId(write.externalId);
      if (landed !== undefined) return landed;
      this.taken.add(email.toLowerCase());
      this.chosen.delete(write.externalId);
      if (attempt >= maxSuffix) {
        throw new RemoteError(
          `${this.label} answered 409 to POST /${USERS}: the address ${email} is taken${mapped ? '' : ` and so are the next ${maxSuffix - 1} variants`}`,
          { status: 409, retryable: false },
        );
      }
    }
  }

  private templateEmail(
    write: Extract<DirectoryWrite, { kind: 'create' }>,
    record?: EmployeeRecord,
  ): string {
    const template = this.options.primaryEmailTemplate;
    const source: EmployeeRecord =
      record ??
      ({
        externalId: write.externalId,
        firstName: stringOf(write.attributes['name.givenName']),
        lastName: stringOf(write.attributes['name.familyName']),
        custom: {},
      } as EmployeeRecord);
    const email = template ? emailFromTemplate(template, source) : undefined;
    if (email) return email;
    throw new RemoteError(
      template
        ? `${this.label}: the primary e-mail template ${template} gives no address for ${write.externalId} (a field it names is empty)`
        : `${this.label}: no primary e-mail for ${write.externalId}: map one to primaryEmail or set a primary e-mail template`,
      { retryable: false },
    );
  }

  /** The first free variant of `base`, reserved at once so parallel creates differ. */
  private freeAddress(externalId: string, base: string): string {
    // A retried create keeps the address its first try reserved.
    const kept = this.chosen.get(externalId);
    if (kept) return kept;
    let n = 1;
    while (this.taken.has(withSuffix(base, n).toLowerCase())) n += 1;
    const email = withSuffix(base, n).toLowerCase();
    this.taken.add(email);
    this.chosen.set(externalId, email);
    return email;
  }

  private async patch(id: string, body: Json): Promise<string> {
    await this.api.call({ method: 'PATCH', path: `${USERS}/${encodeURIComponent(id)}`, body });
    return id;
  }

  /**
   * Only what changed. Lists (externalIds, phones, organizations, relations) and objects
   * (name, a custom schema) go whole, rebuilt from the user as read, since a patch replaces
   * them whole: the entries of other types stay.
   */
  private changesBody(user: DirectoryUser, changes: readonly AttributeChange[]): Json {
    const current = structuredClone(user.raw ?? {});
    const touched = new Set<string>();
    const customSchemas = new Set<string>();
    for (const change of changes) {
      const path = this.paths.get(change.attribute) ?? parseGooglePath(change.attribute);
      writeGooglePath(current, path, change.to);
      touched.add(topLevelKey(path));
      if (path.kind === 'custom') customSchemas.add(path.schema);
    }
    const body: Json = {};
    for (const key of touched) {
      if (key !== 'customSchemas') body[key] = current[key];
    }
    if (customSchemas.size > 0) {
      const all = (current.customSchemas ?? {}) as Json;
      body.customSchemas = Object.fromEntries(
        [...customSchemas].map((schema) => [schema, all[schema]]),
      );
    }
    return body;
  }

  private async managerBody(user: DirectoryUser, managerId: string | null): Promise<Json> {
    const relations = Array.isArray(user.raw?.relations) ? (user.raw.relations as Json[]) : [];
    const others = relations.filter((relation) => relation.type !== 'manager');
    if (managerId === null) return { relations: others };
    const email = await this.emailOf(managerId);
    return { relations: [...others, { type: 'manager', value: email }] };
  }

  /** The manager's primary e-mail, from what was read or created, or one users.get. */
  private async emailOf(id: string): Promise<string> {
    const known = this.emailById.get(id);
    if (known) return known;
    const user = await this.api.getJson<Json>(`${USERS}/${encodeURIComponent(id)}`, {
      fields: 'id,primaryEmail',
    });
    if (typeof user.primaryEmail !== 'string') {
      throw new RemoteError(`${this.label} gave no primary e-mail for the manager ${id}`, {
        retryable: false,
      });
    }
    this.remember(user);
    return user.primaryEmail;
  }

  private listQuery(): Record<string, string> {
    const schemas = new Set<string>();
    for (const path of [this.externalIdPath, ...this.paths.values()]) {
      if (path.kind === 'custom') schemas.add(path.schema);
    }
    const projection = this.options.projection ?? (schemas.size > 0 ? 'custom' : 'basic');
    return {
      customer: this.customer,
      projection,
      ...(projection === 'custom' ? { customFieldMask: [...schemas].join(',') } : {}),
    };
  }

  private remember(user: Json): void {
    const id = typeof user.id === 'string' ? user.id : undefined;
    const addresses = [
      user.primaryEmail,
      ...(Array.isArray(user.aliases) ? user.aliases : []),
      ...(Array.isArray(user.nonEditableAliases) ? user.nonEditableAliases : []),
    ].filter((address): address is string => typeof address === 'string' && address !== '');
    for (const address of addresses) {
      this.taken.add(address.toLowerCase());
      if (id) this.idByEmail.set(address.toLowerCase(), id);
    }
    if (id && typeof user.primaryEmail === 'string') this.emailById.set(id, user.primaryEmail);
  }

  private toUser(user: Json): DirectoryUser {
    const attributes: Record<string, AttributeValue> = {};
    for (const [name, path] of this.paths) attributes[name] = readGooglePath(user, path);
    const externalId = readGooglePath(user, this.externalIdPath);
    const email = typeof user.primaryEmail === 'string' ? user.primaryEmail : undefined;
    return {
      id: String(user.id ?? ''),
      ...(typeof externalId === 'string' && externalId ? { externalId } : {}),
      ...(email ? { email } : {}),
      active: user.suspended !== true,
      attributes,
      managerId: this.managerIdOf(user),
      raw: this.partsFor(user),
    };
  }

  /**
   * A relation's value is an e-mail; the planner compares target ids. A manager outside the
   * users read keeps the e-mail as a stand-in id: it matches no one, so a link is corrected.
   */
  private managerIdOf(user: Json): string | null {
    const relations = Array.isArray(user.relations) ? (user.relations as Json[]) : [];
    const manager = relations.find((relation) => relation.type === 'manager');
    const email = typeof manager?.value === 'string' ? manager.value.trim() : '';
    if (!email) return null;
    return this.idByEmail.get(email.toLowerCase()) ?? email.toLowerCase();
  }

  /** What a patch may have to send whole: the top-level parts the mappings touch, and relations. */
  private partsFor(user: Json): Json {
    const keys = new Set(['relations', topLevelKey(this.externalIdPath)]);
    for (const path of this.paths.values()) keys.add(topLevelKey(path));
    const parts: Json = {};
    for (const key of keys) {
      if (user[key] !== undefined && key !== 'password') parts[key] = structuredClone(user[key]);
    }
    return parts;
  }
}

/** A search value in single quotes, its own quotes and backslashes escaped. */
export function searchQuote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function idOf(body: unknown, label: string): string {
  const id = (body as Json | undefined)?.id;
  if (typeof id === 'string' && id) return id;
  throw new RemoteError(`${label} created a user but did not say its id`, { retryable: false });
}

function stringOf(value: AttributeValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
