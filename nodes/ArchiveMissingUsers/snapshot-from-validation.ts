import {
  NodeOperationError,
  type IDataObject,
  type IExecuteFunctions,
  type INodeExecutionData,
} from 'n8n-workflow';
import { leavingReason, type SourceSnapshot } from '../../src';
import { isPlaceholder } from '../shared/placeholder-item';

/**
 * The full snapshot from the validation node's two outputs in this run: valid records and
 * rejected rows both name an employee who is still there.
 */
export function snapshotFromValidation(
  context: IExecuteFunctions,
  nodeName: string,
  today: string,
): SourceSnapshot & { rowsWithoutId: number } {
  const proxy = context.getWorkflowDataProxy(0);
  let valid: INodeExecutionData[];
  let rejected: INodeExecutionData[];
  try {
    const node = proxy.$(nodeName) as {
      all(branch?: number): INodeExecutionData[];
      isExecuted: boolean;
    };
    if (!node.isExecuted) throw new Error('not executed');
    valid = node.all(0);
    rejected = node.all(1);
  } catch {
    throw new NodeOperationError(
      context.getNode(),
      `The node "${nodeName}" did not run before this one, so there is no snapshot to compare with.`,
      {
        description:
          'Set "Validation Node" to the name of the CSV Parse & Validate node of this workflow.',
      },
    );
  }
  const externalIds = new Set<string>();
  const leaving = new Map<string, string>();
  const withoutId: Array<{ line?: number; email?: string }> = [];
  for (const item of [...valid, ...rejected]) {
    const json = item.json as IDataObject;
    const id = String(json.externalId ?? '').trim();
    if (!id) {
      // A file error is not a row either. A row without an ID is still a person: the
      // archive protects the user its e-mail names, or stops (see planArchive).
      if (!isPlaceholder(item) && !json.error) {
        const email = String(json.email ?? '').trim();
        withoutId.push({
          ...(typeof json.line === 'number' ? { line: json.line } : {}),
          ...(email ? { email } : {}),
        });
      }
      continue;
    }
    externalIds.add(id);
  }
  for (const item of valid) {
    const json = item.json as IDataObject;
    const reason = leavingReason(
      {
        archivedAt: json.archivedAt as string | undefined,
        endDate: json.endDate as string | undefined,
      },
      today,
    );
    if (reason) leaving.set(String(json.externalId), reason);
  }
  return { externalIds, leaving, withoutId, rowsWithoutId: withoutId.length };
}
