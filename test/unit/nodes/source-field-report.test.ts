import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IExecuteFunctions } from 'n8n-workflow';
import {
  loadSourceReport,
  saveSourceReport,
  sourceReportPath,
  sourceReportsThisRun,
} from '../../../nodes/shared/source-field-report';
import {
  noteKeptFields,
  unreadableFieldsThisRun,
} from '../../../nodes/UserUpsert/unreadable-fields';
import type { FieldMapping } from '../../../src';

let folder: string;
const before = process.env.HR_SYNC_MEMORY_DIR;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'hr-source-report-'));
  process.env.HR_SYNC_MEMORY_DIR = folder;
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
  if (before === undefined) delete process.env.HR_SYNC_MEMORY_DIR;
  else process.env.HR_SYNC_MEMORY_DIR = before;
});

/** Just what the store and the hints read of a node's context; hints are collected. */
function context(executionId: string, workflowId = 'wf1', hints: string[] = []): IExecuteFunctions {
  return {
    getExecutionId: () => executionId,
    getWorkflow: () => ({ id: workflowId }),
    getNode: () => ({ name: 'HR Source' }),
    addExecutionHints: (...given: Array<{ message: string }>) =>
      hints.push(...given.map((hint) => hint.message)),
  } as unknown as IExecuteFunctions;
}

const report = (executionId: string, unreadableFields: string[]) => ({
  executionId,
  node: 'HR Source',
  fieldReport: [
    {
      field: 'jobInformationDepartment',
      canonical: 'department' as const,
      emptyRows: 0,
      missingRows: 3,
      total: 3,
    },
  ],
  unreadableFields,
  warnings: ['BambooHR refused to return "jobInformationDepartment"'],
});

describe("the HR sources' field report, kept next to the sync's memory", () => {
  it('is saved per workflow, system and credential, and loaded back whole', async () => {
    const path = sourceReportPath(context('7'), 'bamboohr', 'cred/1');
    expect(path).toBe(join(folder, 'wf1', 'source-bamboohr-cred_1.json'));
    await saveSourceReport(path, report('7', ['department']));
    expect(await loadSourceReport(path)).toEqual(report('7', ['department']));
    // Written through a temporary file that does not stay behind.
    expect(readdirSync(join(folder, 'wf1'))).toEqual(['source-bamboohr-cred_1.json']);
  });

  it('counts for User Upsert only in the execution that wrote it, and only in its workflow', async () => {
    await saveSourceReport(
      sourceReportPath(context('7'), 'bamboohr', 'a'),
      report('7', ['department']),
    );
    await saveSourceReport(
      sourceReportPath(context('6'), 'hibob', 'b'),
      report('6', ['custom.Cost center']),
    );
    expect([...(await unreadableFieldsThisRun(context('7')))]).toEqual(['department']);
    expect([...(await unreadableFieldsThisRun(context('8')))]).toEqual([]);
    expect(await sourceReportsThisRun(context('7', 'other'))).toEqual([]);
  });

  it('is taken for missing when the file is not JSON, and nothing is read without an execution ID', async () => {
    const path = sourceReportPath(context('7'), 'bamboohr', 'a');
    await saveSourceReport(path, report('', ['department']));
    expect(await sourceReportsThisRun(context(''))).toEqual([]);
    writeFileSync(path, '{not json');
    expect(await loadSourceReport(path)).toBeUndefined();
  });
});

describe('the fields User Upsert kept', () => {
  const mappings: FieldMapping[] = [
    { field: 'department', attribute: 'dept', strength: 'always' },
    { field: 'jobTitle', attribute: 'title', strength: 'always' },
    { field: 'custom.Cost center', attribute: 'cc', strength: 'whenEmpty' },
  ];
  const unreadable = new Set(['department', 'custom.Cost center', 'country']);

  it('are the mapped, always-written unreadable fields, each named in a hint', () => {
    const hints: string[] = [];
    expect(noteKeptFields(context('1', 'wf1', hints), unreadable, mappings, 'clear')).toEqual([
      'department',
    ]);
    expect(hints).toEqual([
      expect.stringMatching(/^department not cleared: the HR source could not read it/),
    ]);
  });

  it('are none when empty values are left anyway', () => {
    const hints: string[] = [];
    expect(noteKeptFields(context('1', 'wf1', hints), unreadable, mappings, 'leave')).toEqual([]);
    expect(hints).toEqual([]);
  });
});
