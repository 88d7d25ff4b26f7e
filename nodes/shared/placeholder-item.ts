import type { INodeExecutionData } from 'n8n-workflow';

/**
 * The empty item n8n's "Always Output Data" passes on when a node has nothing to output
 * (CSV Parse & Validate adds one on Valid when every row was rejected): it keeps the nodes
 * after it running, but it is not an employee, a row or an outcome.
 */
export function placeholderItem(): INodeExecutionData {
  return { json: {}, pairedItem: { item: 0 } };
}

export function isPlaceholder(item: INodeExecutionData): boolean {
  return Object.keys(item.json).length === 0;
}
