import { VersionedNodeType } from 'n8n-workflow';
import { baseDescription } from '../shared/versioned';
import { CsvParseValidateV1 } from './CsvParseValidateV1.node';

/**
 * Versioned as n8n's own nodes are: the defaults that decide safety (brakes, e-mail
 * matching, which accounts are reactivated) live in saved workflows, so a later version
 * with other defaults is a new version, and version 1 workflows keep theirs.
 */
export class CsvParseValidate extends VersionedNodeType {
  constructor() {
    const v1 = new CsvParseValidateV1();
    super({ 1: v1 }, baseDescription(v1.description, 1));
  }
}
