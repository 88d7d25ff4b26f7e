import {
  NodeOperationError,
  type ICredentialDataDecryptedObject,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeProperties,
} from 'n8n-workflow';
import {
  BAMBOOHR_DEFAULT_FILTER,
  readBambooHrEmployees,
  readHiBobEmployees,
  readPersonioEmployees,
  type FieldReport,
  type HrFieldMapOverride,
  type HrSystemRead,
  type HttpClient,
} from '../../../src';
import { HrSyncBambooHrApi } from '../../../credentials/HrSyncBambooHrApi.credentials';
import { HrSyncHiBobApi } from '../../../credentials/HrSyncHiBobApi.credentials';
import {
  hiBobBaseUrl,
  hrSyncBambooHrTest,
  hrSyncHiBobTest,
  hrSyncPersonioTest,
} from '../../shared/hr-system-credential-tests';
import { n8nHttpClient } from '../../shared/n8n-http-client';
import {
  loadSourceReport,
  saveSourceReport,
  sourceReportPath,
} from '../../shared/source-field-report';
import type { CredentialTest, HrSourceDefinition } from './hr-source';

export type HrSystem = 'bamboohr' | 'personio' | 'hibob';

export const HR_SYSTEM_CREDENTIAL: Record<HrSystem, string> = {
  bamboohr: 'hrSyncBambooHrApi',
  personio: 'hrSyncPersonioApi',
  hibob: 'hrSyncHiBobApi',
};

/** The "Source" choices of the three HR systems read over their APIs. */
const HR_SYSTEM_OPTIONS: Record<HrSystem, HrSourceDefinition['option']> = {
  bamboohr: {
    name: 'BambooHR',
    description: 'The employee dataset (or a custom report), leavers with their termination date',
  },
  hibob: {
    name: 'HiBob',
    description: 'People search with a service user, leavers included',
  },
  personio: {
    name: 'Personio',
    description: 'Persons and their current employment (API v2, or v1 as a fallback)',
  },
};

/** Each credential's Test, by the name its `testedBy` gives. */
const HR_SYSTEM_CREDENTIAL_TEST: Record<HrSystem, { name: string; test: CredentialTest }> = {
  bamboohr: { name: 'hrSyncBambooHrTest', test: hrSyncBambooHrTest },
  personio: { name: 'hrSyncPersonioTest', test: hrSyncPersonioTest },
  hibob: { name: 'hrSyncHiBobTest', test: hrSyncHiBobTest },
};

const show = (systems: HrSystem[]) => ({ show: { source: systems } });

export const hrSystemProperties: INodeProperties[] = [
  {
    displayName: 'Read From',
    name: 'bambooHrRead',
    type: 'options',
    options: [
      {
        name: 'Employee Dataset',
        value: 'dataset',
        description: 'The datasets API: named fields, a filter, page by page',
      },
      {
        name: 'Custom Report',
        value: 'customReport',
        description:
          "For accounts that read through a custom report (field names of BambooHR's employee endpoints)",
      },
    ],
    default: 'dataset',
    displayOptions: show(['bamboohr']),
  },
  {
    displayName: 'Filter',
    name: 'bambooHrFilter',
    type: 'string',
    default: BAMBOOHR_DEFAULT_FILTER,
    description:
      'The OData filter on the employee dataset; the default includes leavers, so they are archived by their termination date',
    displayOptions: { show: { source: ['bamboohr'], bambooHrRead: ['dataset'] } },
  },
  {
    displayName: 'API Version',
    name: 'personioApi',
    type: 'options',
    options: [
      {
        name: 'V2, Falling Back to V1',
        value: 'auto',
        description: 'Reads v1 only when the credentials have no v2 access',
      },
      { name: 'V2 Only', value: 'v2' },
      { name: 'V1 Only', value: 'v1' },
    ],
    default: 'auto',
    displayOptions: show(['personio']),
  },
  {
    displayName: 'Include Leavers',
    name: 'hiBobShowInactive',
    type: 'boolean',
    default: true,
    description:
      'Whether to read inactive employees too (showInactive), so leavers are archived by their termination date',
    displayOptions: show(['hibob']),
  },
  {
    displayName: 'Field Mapping',
    name: 'hrFieldMapping',
    type: 'json',
    default: '{}',
    description:
      'On top of the default mapping: the HR field → an employee record field (department) or custom:&lt;name&gt;; null stops reading a default field. Example: {"customField_4711": "custom:Cost center"}.',
    displayOptions: show(['bamboohr', 'personio', 'hibob']),
  },
];

/**
 * One HR system as a source of HR Source. The three share their fields (each shown for the
 * systems it applies to), so the router hands the node each property once.
 */
export function hrSystemSource(system: HrSystem): HrSourceDefinition {
  const test = HR_SYSTEM_CREDENTIAL_TEST[system];
  return {
    option: HR_SYSTEM_OPTIONS[system],
    credentials: [
      {
        name: HR_SYSTEM_CREDENTIAL[system],
        required: true,
        testedBy: test.name,
        displayOptions: { show: { source: [system] } },
      },
    ],
    credentialTests: { [test.name]: test.test },
    properties: hrSystemProperties,
    read: (context, itemIndex) => readHrSystem(context, itemIndex, system),
  };
}

/**
 * Reads one HR system and hands its employees on as items, one per row, for CSV Parse &
 * Validate's rows-as-items input. The permission check compares with the last run's field
 * report, kept next to the sync's memory; this run's report, its unreadable fields and its
 * warnings are saved there for User Upsert and the Sync Report of the same execution.
 */
export async function readHrSystem(
  context: IExecuteFunctions,
  itemIndex: number,
  system: HrSystem,
): Promise<INodeExecutionData[]> {
  const credentialType = HR_SYSTEM_CREDENTIAL[system];
  const credentials = await context.getCredentials(credentialType, itemIndex);
  const credentialId = context.getNode().credentials?.[credentialType]?.id ?? 'none';
  const storePath = sourceReportPath(context, system, credentialId);
  const previous = (await loadSourceReport(storePath))?.fieldReport;
  const fieldMap = fieldMapOf(context, itemIndex);
  const read = await readSystem(context, itemIndex, system, credentials, {
    ...(Object.keys(fieldMap).length > 0 ? { fieldMap } : {}),
    ...(previous ? { previous } : {}),
  });
  for (const message of read.warnings) {
    context.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
  }
  await saveSourceReport(storePath, {
    executionId: String(context.getExecutionId() ?? ''),
    node: context.getNode().name,
    fieldReport: read.fieldReport,
    unreadableFields: read.unreadableFields,
    warnings: read.warnings,
  });
  return read.rows.map((row) => ({ json: row, pairedItem: { item: itemIndex } }));
}

interface CommonOptions {
  fieldMap?: HrFieldMapOverride;
  previous?: FieldReport;
}

async function readSystem(
  context: IExecuteFunctions,
  itemIndex: number,
  system: HrSystem,
  credentials: ICredentialDataDecryptedObject,
  common: CommonOptions,
): Promise<HrSystemRead> {
  const text = (name: string) => String(credentials[name] ?? '').trim();
  const baseUrl = text('baseUrl');
  if (system === 'personio') {
    // No `authenticate`: the client secret goes only into the engine's token request.
    return readPersonioEmployees(n8nHttpClient(context, undefined), {
      ...common,
      clientId: text('clientId'),
      clientSecret: String(credentials.clientSecret ?? ''),
      api: context.getNodeParameter('personioApi', itemIndex, 'auto') as 'auto' | 'v2' | 'v1',
      ...(baseUrl ? { baseUrl } : {}),
    });
  }
  if (system === 'hibob') {
    const http = withCredential(context, new HrSyncHiBobApi(), credentials);
    return readHiBobEmployees(http, {
      ...common,
      baseUrl: hiBobBaseUrl(credentials),
      showInactive: context.getNodeParameter('hiBobShowInactive', itemIndex, true) as boolean,
    });
  }
  const source = context.getNodeParameter('bambooHrRead', itemIndex, 'dataset') as
    'dataset' | 'customReport';
  const filter = String(context.getNodeParameter('bambooHrFilter', itemIndex, '')).trim();
  return readBambooHrEmployees(withCredential(context, new HrSyncBambooHrApi(), credentials), {
    ...common,
    companyDomain: text('companyDomain'),
    source,
    ...(baseUrl ? { baseUrl } : {}),
    ...(source === 'dataset' && filter ? { filter } : {}),
  });
}

/** The credential decrypted once, its class's `authenticate` applied to every request. */
function withCredential(
  context: IExecuteFunctions,
  credential: HrSyncBambooHrApi | HrSyncHiBobApi,
  data: ICredentialDataDecryptedObject,
): HttpClient {
  return n8nHttpClient(context, (request) => credential.authenticate(data, request));
}

function fieldMapOf(context: IExecuteFunctions, itemIndex: number): HrFieldMapOverride {
  const raw = context.getNodeParameter('hrFieldMapping', itemIndex, '{}') as unknown;
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = raw.trim() === '' ? {} : JSON.parse(raw);
    } catch {
      throw new NodeOperationError(context.getNode(), 'The Field Mapping is not valid JSON.', {
        itemIndex,
      });
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new NodeOperationError(
      context.getNode(),
      'The Field Mapping must be a JSON object: {"HR field": "record field or custom:<name>"}.',
      { itemIndex },
    );
  }
  return value as HrFieldMapOverride;
}
