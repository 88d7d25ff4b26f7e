/**
 * What a target platform can do for the sync, whatever its API: read the users, create,
 * update only the changed attributes, reactivate. The planner compares flat attribute
 * maps, so every target flattens its own user shape into `attributes` keyed by the
 * same attribute names its field mappings use.
 */
import type { EmployeeRecord } from '../record/fields';

export type AttributeValue = string | boolean | string[] | null;

export interface DirectoryUser {
  /** The target's own id. */
  id: string;
  externalId?: string;
  /** Primary e-mail, for the e-mail fallback match. */
  email?: string;
  active: boolean;
  /** The user's values, keyed by mapped attribute name; an absent key means "not known". */
  attributes: Record<string, AttributeValue>;
  /** The target's own representation, for a target that needs it to build a write. */
  raw?: Record<string, unknown>;
  /**
   * The target's own id of this user's manager: `null` when the user has none, absent when
   * the target did not say (it links no managers, or the read did not ask).
   */
  managerId?: string | null;
}

export interface AttributeChange {
  attribute: string;
  /** The canonical field the value came from, for people reading the plan. */
  field: string;
  from: AttributeValue | undefined;
  to: AttributeValue;
}

/** A write the apply stage hands to a directory. */
export type DirectoryWrite =
  | {
      kind: 'create';
      externalId: string;
      attributes: Record<string, AttributeValue>;
      /** `false`: create the account deactivated (a pre-hire, until the start date). */
      active?: false;
      /**
       * The HR record, for a target that derives more than the mapped attributes on create:
       * a sign-in name from a template, a usage location from the country.
       */
      record?: EmployeeRecord;
    }
  | {
      kind: 'update' | 'reactivate';
      externalId: string;
      user: DirectoryUser;
      changes: AttributeChange[];
    }
  /** Deactivate: the account stays, its owner can no longer sign in. */
  | { kind: 'archive'; externalId: string; user: DirectoryUser }
  | { kind: 'delete'; externalId: string; user: DirectoryUser }
  /**
   * Links the user to a manager (the manager's id in this target), or unlinks it (`null`).
   * Made in a second phase, once every user of the run exists (see link-managers).
   */
  | { kind: 'manager'; externalId: string; user: DirectoryUser; managerId: string | null };

export interface DesiredUserKey {
  externalId: string;
  email?: string;
}

export interface DirectoryCapabilities {
  /** Set when the target takes several writes in one request (SCIM Bulk). */
  bulk?: { maxOperations: number };
  /** Whether users can be deleted (after the archive's grace period). */
  canDelete?: boolean;
  /** Set when `readUsers` finds only the users asked for: then nobody missing can be found. */
  readsOnlyAskedUsers?: boolean;
  /** Set when the target links users to managers (`managerId` read, `manager` writes). */
  managers?: boolean;
  /** The longest external ID the target can hold (Entra's employeeId: 16 characters). */
  maxExternalIdLength?: number;
}

export interface Directory {
  /** Names the target for people, never with a secret: "SCIM 2.0 at https://…". */
  readonly label: string;
  /** The attribute that carries the external ID in this target (set on create and adoption). */
  readonly externalIdAttribute: string;
  capabilities(): Promise<DirectoryCapabilities>;
  /** The target's current users; `desired` lets a target without a list call look each up. */
  readUsers(desired: readonly DesiredUserKey[]): Promise<DirectoryUser[]>;
  /** Performs one write and resolves with the user's id in the target. */
  write(write: DirectoryWrite): Promise<string>;
  /** Several writes in one request; each settles on its own. Only when capabilities say bulk. */
  writeBulk?(writes: readonly DirectoryWrite[]): Promise<Array<PromiseSettledResult<string>>>;
}
