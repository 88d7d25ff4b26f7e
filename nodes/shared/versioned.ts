import type { INodeTypeBaseDescription, INodeTypeDescription } from 'n8n-workflow';

/**
 * The version-independent part of a node's description, for n8n's VersionedNodeType: each
 * version keeps its own parameters and defaults, so a default changed in a later version
 * never changes a workflow saved with an earlier one (n8n saves only the parameters that
 * differ from their default). New workflows get `defaultVersion`.
 */
export function baseDescription(
  latest: INodeTypeDescription,
  defaultVersion: number,
): INodeTypeBaseDescription {
  return {
    displayName: latest.displayName,
    name: latest.name,
    ...(latest.icon ? { icon: latest.icon } : {}),
    group: latest.group,
    description: latest.description,
    ...(latest.subtitle ? { subtitle: latest.subtitle } : {}),
    defaultVersion,
  };
}
