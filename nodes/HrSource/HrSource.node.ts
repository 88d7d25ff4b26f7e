import { VersionedNodeType } from 'n8n-workflow';
import { baseDescription } from '../shared/versioned';
import { HrSourceV1 } from './HrSourceV1.node';

/**
 * Versioned as n8n's own nodes are: a later version with other defaults (a source's
 * settings, the processed folder) is a new version, and version 1 workflows keep theirs.
 */
export class HrSource extends VersionedNodeType {
  constructor() {
    const v1 = new HrSourceV1();
    super({ 1: v1 }, baseDescription(v1.description, 1));
  }
}
