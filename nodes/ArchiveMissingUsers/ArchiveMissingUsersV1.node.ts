import {
  NodeOperationError,
  type IDataObject,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from 'n8n-workflow';
import {
  DEFAULT_BRAKES,
  RemoteError,
  RestDirectory,
  archiveUsers,
  normalizeApprovalCode,
  spendApproval,
  type BrakeOptions,
  type SyncMemoryState,
} from '../../src';
import { syncMemoryStore, todayIn } from '../shared/sync-memory';
import { hrSyncRestPlatformTest } from '../shared/rest-credential-test';
import { hrSyncMicrosoftGraphTest } from '../shared/graph-credential-test';
import {
  hrSyncGoogleOAuth2Test,
  hrSyncGoogleServiceAccountTest,
} from '../shared/google-credential-test';
import { applyOptionsFrom, connectPlatform } from '../shared/platform-connection';
import {
  platformCredentials,
  platformSubtitle,
  type Platform,
} from '../shared/platform-properties';
import { takeUsers } from '../shared/users-this-run';
import { remoteNodeError } from '../shared/remote-node-error';
import { archiveMissingUsersProperties } from './ArchiveMissingUsers.description';
import { snapshotFromValidation } from './snapshot-from-validation';

/** What an earlier version of this node kept in its own static data, taken over once. */
interface LegacyArchiveMemory {
  lastSnapshotSize?: number;
  archivedSince?: Record<string, string>;
}

function withLegacy(memory: SyncMemoryState, legacy: LegacyArchiveMemory): SyncMemoryState {
  if (memory.revision > 0 || !legacy.archivedSince) return memory;
  const archivedBySync = { ...legacy.archivedSince, ...memory.archivedBySync };
  const owned = { ...memory.owned };
  for (const [id, since] of Object.entries(archivedBySync)) owned[id] ??= since;
  return {
    ...memory,
    owned,
    archivedBySync,
    ...(memory.lastSnapshotSize === undefined && legacy.lastSnapshotSize !== undefined
      ? { lastSnapshotSize: legacy.lastSnapshotSize }
      : {}),
  };
}

/**
 * Archives the sync's users who are missing from a full snapshot, behind safety brakes;
 * deletes them after a grace period when asked to. One summary item comes out, with every
 * user's outcome and every brake's result, so a Sync Report after it always runs.
 */
export class ArchiveMissingUsersV1 implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Archive Missing Users',
    name: 'archiveMissingUsers',
    icon: { light: 'file:archiveMissingUsers.svg', dark: 'file:archiveMissingUsers.dark.svg' },
    group: ['output'],
    version: 1,
    subtitle: platformSubtitle,
    description: 'Archive the employees who are no longer in the HR export, behind safety brakes',
    defaults: { name: 'Archive Missing Users' },
    inputs: ['main'],
    outputs: ['main'],
    credentials: platformCredentials,
    properties: archiveMissingUsersProperties,
  };

  methods = {
    credentialTest: {
      hrSyncRestPlatformTest,
      hrSyncMicrosoftGraphTest,
      hrSyncGoogleServiceAccountTest,
      hrSyncGoogleOAuth2Test,
    },
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const dryRun = this.getNodeParameter('dryRun', 0) as boolean;
    const brakeParameters = this.getNodeParameter('brakes', 0, {}) as IDataObject;
    const today = todayIn(this);
    const platform = this.getNodeParameter('target', 0) as Platform;
    const memoryStore = syncMemoryStore(this, platform);
    const memory = withLegacy(
      await memoryStore.load(),
      this.getWorkflowStaticData('node') as LegacyArchiveMemory,
    );

    const snapshot = snapshotFromValidation(
      this,
      this.getNodeParameter('validationNode', 0) as string,
      today,
    );
    const approval = normalizeApprovalCode(String(brakeParameters.approvalCode ?? ''));
    const approvalSpent = approval !== '' && memory.approvalsSpent.includes(approval);
    const brakes: BrakeOptions = {
      maxPercentage: Number(brakeParameters.maxPercentage ?? DEFAULT_BRAKES.maxPercentage),
      maxShrinkPercentage: Number(
        brakeParameters.maxShrinkPercentage ?? DEFAULT_BRAKES.maxShrinkPercentage,
      ),
      ...(Number(brakeParameters.maxCount) > 0
        ? { maxCount: Number(brakeParameters.maxCount) }
        : {}),
      ...(approval !== '' && !approvalSpent ? { approvedPlanCode: approval } : {}),
    };
    const platformDirectory = await connectPlatform(this, []);
    // A REST platform without a list: the users this sync owns and the leavers the export
    // names, each looked up by external ID, are the users the archive plans on.
    const owned = new Set(Object.keys(memory.owned));
    const lookupView =
      platformDirectory instanceof RestDirectory &&
      (await platformDirectory.capabilities()).readsOnlyAskedUsers === true
        ? platformDirectory.archiveView(new Set([...owned, ...snapshot.leaving.keys()]))
        : undefined;
    const directory = lookupView ?? platformDirectory;
    // User Upsert hands its users over only when this node does not read again (archiveFollows).
    const readAgain = (this.getNodeParameter('options', 0, {}) as IDataObject).readAgain === true;
    // The upsert's users of a lookup-only platform are only tonight's rows: not the owned
    // users missing from the export, which the archive must see.
    const handedOver = readAgain || lookupView ? undefined : takeUsers(this, platform);

    let result;
    try {
      result = await archiveUsers({
        directory,
        ...(handedOver ? { current: handedOver } : {}),
        snapshot,
        dryRun,
        plan: {
          brakes,
          externalIdPrefix: (this.getNodeParameter('externalIdPrefix', 0, '') as string).trim(),
          ...(this.getNodeParameter('deleteAfterGrace', 0, false)
            ? { deleteAfterDays: Number(this.getNodeParameter('graceDays', 0, 30)) }
            : {}),
          owned,
          archivedSince: memory.archivedBySync,
          ...(memory.lastSnapshotSize !== undefined
            ? { lastSnapshotSize: memory.lastSnapshotSize }
            : {}),
          today,
        },
        ...applyOptionsFrom(this),
      });
    } catch (error) {
      if (!(error instanceof RemoteError)) throw error;
      if (this.continueOnFail())
        return [[{ json: { error: error.message }, pairedItem: { item: 0 } }]];
      throw remoteNodeError(this.getNode(), error.message, {
        description: 'Nobody was archived.',
        ...(error.status !== undefined ? { httpCode: error.status } : {}),
      });
    }

    const tripped = result.plan.brakes.filter((brake) => brake.tripped);
    const summary: IDataObject = {
      approvalCode: result.plan.approvalCode,
      held: result.plan.held as unknown as IDataObject[],
      memory: memoryStore.location,
      dryRun,
      snapshotSize: snapshot.externalIds.size,
      rowsWithoutExternalId: snapshot.rowsWithoutId,
      managedActiveUsers: result.plan.managedActive,
      stoppedByBrake: result.plan.stopped,
      brakes: result.plan.brakes as unknown as IDataObject[],
      outcomes: result.outcomes as unknown as IDataObject[],
      timings: result.timings,
      usersFrom: handedOver ? 'user upsert of this run' : 'platform',
    };
    if (result.plan.stopped) {
      const spent = approvalSpent
        ? ` The approval ${approval} was already used once and does not pass again.`
        : '';
      const message = `Safety brake: ${tripped.map((brake) => brake.message).join(' ')}${spent}`;
      if (this.continueOnFail())
        return [[{ json: { ...summary, error: message }, pairedItem: { item: 0 } }]];
      throw new NodeOperationError(this.getNode(), message, {
        description:
          'Nobody was archived. If the export is right, approve this run once as the message says.',
      });
    }
    if (!dryRun) {
      const approved = result.plan.brakes.some((brake) => brake.approved);
      await memoryStore.save({
        ...memory,
        lastSnapshotSize: snapshot.externalIds.size,
        archivedBySync: result.archivedSince,
        ...(approved && brakes.approvedPlanCode
          ? { approvalsSpent: spendApproval(memory.approvalsSpent, brakes.approvedPlanCode) }
          : {}),
      });
    }
    return [[{ json: summary, pairedItem: { item: 0 } }]];
  }
}
