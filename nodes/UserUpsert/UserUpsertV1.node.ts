import {
  NodeOperationError,
  type IDataObject,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from 'n8n-workflow';
import {
  FieldMappingError,
  RemoteError,
  RestDirectory,
  desiredAttributesByExternalId,
  upsertUsers,
  type UserOutcome,
} from '../../src';
import {
  applyOptionsFrom,
  connectPlatform,
  restExternalIdAttribute,
} from '../shared/platform-connection';
import {
  platformCredentials,
  platformSubtitle,
  type Platform,
} from '../shared/platform-properties';
import { remoteNodeError } from '../shared/remote-node-error';
import { userUpsertProperties } from './UserUpsert.description';
import { mappingsFrom } from './mappings-from-parameters';
import { getPlatformAttributes } from './platform-attribute-fields';
import { recordFromItem } from './records-from-items';
import { isPlaceholder } from '../shared/placeholder-item';
import { archiveFollows, rememberUsers } from '../shared/users-this-run';
import { syncMemoryStore, todayIn } from '../shared/sync-memory';
import { hrSyncRestPlatformTest } from '../shared/rest-credential-test';
import { hrSyncMicrosoftGraphTest } from '../shared/graph-credential-test';
import {
  hrSyncGoogleOAuth2Test,
  hrSyncGoogleServiceAccountTest,
} from '../shared/google-credential-test';
import { rememberUpsert } from './remember-upsert';
import { noteKeptFields, unreadableFieldsThisRun } from './unreadable-fields';
import { withGoogleOrgUnits } from '../shared/google-platform';

/**
 * Creates, updates or reactivates the platform's users by external ID. Reads the platform
 * once, plans, then writes only what changed; each input item comes out as that
 * employee's outcome, or, on request, only the changes and a count of the unchanged.
 */
export class UserUpsertV1 implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'User Upsert by External ID',
    name: 'userUpsert',
    icon: { light: 'file:userUpsert.svg', dark: 'file:userUpsert.dark.svg' },
    group: ['output'],
    version: 1,
    subtitle: platformSubtitle,
    description: 'Create, update or reactivate employees in a platform, sending only what changed',
    defaults: { name: 'User Upsert' },
    inputs: ['main'],
    outputs: ['main'],
    credentials: platformCredentials,
    properties: userUpsertProperties,
  };

  methods = {
    resourceMapping: { getPlatformAttributes },
    credentialTest: {
      hrSyncRestPlatformTest,
      hrSyncMicrosoftGraphTest,
      hrSyncGoogleServiceAccountTest,
      hrSyncGoogleOAuth2Test,
    },
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    // Nobody to upsert in a placeholder; the nodes after this one still run.
    const items = this.getInputData()
      .map((item, index) => ({ item, index }))
      .filter(({ item }) => !isPlaceholder(item));
    if (items.length === 0) return [[]];
    const dryRun = this.getNodeParameter('dryRun', 0) as boolean;
    const platform = this.getNodeParameter('target', 0) as Platform;
    let mappings;
    try {
      mappings = mappingsFrom(this, platform);
    } catch (error) {
      if (error instanceof FieldMappingError)
        throw new NodeOperationError(this.getNode(), error.message);
      throw error;
    }
    const memoryStore = syncMemoryStore(this, platform);
    const memory = await memoryStore.load();
    const today = todayIn(this);
    const emptySourceValue = this.getNodeParameter('emptySourceValue', 0) as 'clear' | 'leave';
    const keepWhenEmpty = await unreadableFieldsThisRun(this);
    let records = items.map(({ item }) => recordFromItem(item));
    // Google Workspace: each record's OU path from the node's table, planned as orgUnitPath.
    if (platform === 'googleWorkspace')
      ({ records, mappings } = withGoogleOrgUnits(this, records, mappings));
    // A REST platform's lookup returns few fields: what was last sent stands in for the rest.
    const directory = await connectPlatform(
      this,
      mappings,
      platform === 'rest'
        ? {
            lastSent: new Map(Object.entries(memory.sentFingerprints)),
            desired: desiredAttributesByExternalId(
              records,
              mappings,
              restExternalIdAttribute(this),
            ),
          }
        : undefined,
    );

    let outcomes: UserOutcome[];
    let stoppedBy: string | undefined;
    try {
      const result = await upsertUsers({
        records,
        directory,
        dryRun,
        linkManagers:
          platform !== 'rest' && (this.getNodeParameter('linkManagers', 0, true) as boolean),
        plan: {
          mappings,
          emptySourceValue,
          keepWhenEmpty,
          matchByEmail: this.getNodeParameter('matchByEmail', 0) as boolean,
          today,
          reactivate: {
            archivedBySync: new Set(Object.keys(memory.archivedBySync)),
            hrStatusWins:
              this.getNodeParameter('reactivate', 0, 'archivedBySync') === 'hrStatusWins',
          },
        },
        ...applyOptionsFrom(this),
      });
      outcomes = result.outcomes;
      // Whom this sync now owns, and who is active again: saved before anything else can fail.
      if (!dryRun) {
        const remembered = rememberUpsert(memory, outcomes, result.plan.actions, today);
        if (directory instanceof RestDirectory) {
          remembered.sentFingerprints = {
            ...memory.sentFingerprints,
            ...Object.fromEntries(directory.sent),
          };
        }
        await memoryStore.save(remembered);
      }
      if (archiveFollows(this)) rememberUsers(this, platform, result.usersAfter);
      if (result.stopped) {
        // The platform refused the credential midway: what was written is in the outcomes
        // (and reaches the Sync Report); the rest are failed as not attempted.
        stoppedBy = result.stopped.message;
        this.addExecutionHints({ message: stoppedBy, type: 'danger', location: 'outputPane' });
      }
    } catch (error) {
      if (!(error instanceof RemoteError)) throw error;
      if (this.continueOnFail()) {
        return [
          items.map(({ index }) => ({
            json: { status: 'failed', reason: error.message },
            pairedItem: { item: index },
          })),
        ];
      }
      throw remoteNodeError(this.getNode(), error.message, {
        description: error.isAuthFailure
          ? 'Nothing was written. Check the credential, then run again.'
          : 'Nothing was written: the platform could not be read. Run again when it answers.',
        ...(error.status !== undefined ? { httpCode: error.status } : {}),
      });
    }
    const output = this.getNodeParameter('output', 0, 'each') as 'each' | 'changes';
    const out = outcomeItems(outcomes, items, dryRun, output);
    const summary = output === 'changes' ? out[out.length - 1] : undefined;
    if (summary && stoppedBy) summary.json.stoppedBy = stoppedBy;
    const notCleared = noteKeptFields(this, keepWhenEmpty, mappings, emptySourceValue);
    if (summary && notCleared.length > 0) summary.json.notCleared = notCleared;
    return [out];
  }
}

/**
 * Each outcome as an item paired with its input; with "changes", the unchanged employees
 * become one counting item instead (at 100,000 employees and 1% changed, 1,001 items
 * instead of 100,000 held in the run and saved with the execution).
 */
function outcomeItems(
  outcomes: readonly UserOutcome[],
  inputs: ReadonlyArray<{ index: number }>,
  dryRun: boolean,
  output: 'each' | 'changes',
): INodeExecutionData[] {
  const marks = dryRun ? { dryRun: true } : {};
  const items: INodeExecutionData[] = [];
  const unchanged: Array<{ item: number }> = [];
  outcomes.forEach((outcome, position) => {
    const pairedItem = { item: inputs[position]?.index ?? position };
    if (output === 'changes' && outcome.status === 'unchanged') unchanged.push(pairedItem);
    else items.push({ json: { ...outcome, ...marks } as unknown as IDataObject, pairedItem });
  });
  if (output === 'changes') {
    items.push({
      json: { unchangedUsers: unchanged.length, ...marks },
      ...(unchanged.length > 0 ? { pairedItem: unchanged } : {}),
    });
  }
  return items;
}
