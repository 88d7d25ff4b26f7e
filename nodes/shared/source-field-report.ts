import { mkdir, open, readFile, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { IExecuteFunctions } from 'n8n-workflow';
import type { FieldReport } from '../../src';
import { safe, workflowMemoryFolder } from './sync-memory';

/**
 * What an HR system source saw in one run: how often each requested field came back empty
 * (the next run's "far more than last time" compares with it), the fields it could not read
 * (User Upsert does not clear them in the same run) and its warnings (for the Sync Report).
 */
export interface SourceFieldReport {
  executionId: string;
  /** The HR Source node's name, for the report. */
  node: string;
  fieldReport: FieldReport;
  unreadableFields: string[];
  warnings: string[];
}

const PREFIX = 'source-';

/**
 * One JSON file per workflow, HR system and credential, next to the sync's memory
 * (`source-bamboohr-<credential id>.json`): the nodes after HR Source in the same run, and
 * HR Source the next night, read it there. Not in the workflow's static data, which n8n
 * does not save after a manual run.
 */
export function sourceReportPath(
  context: IExecuteFunctions,
  system: string,
  credentialId: string,
): string {
  return join(workflowMemoryFolder(context), `${PREFIX}${safe(`${system}-${credentialId}`)}.json`);
}

export async function loadSourceReport(path: string): Promise<SourceFieldReport | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return parseReport(JSON.parse(text));
  } catch {
    // Only a comparison is lost: this run warns on what it sees alone.
    return undefined;
  }
}

/** Written to a temporary file, flushed and renamed: a crash leaves the old file or the new. */
export async function saveSourceReport(path: string, report: SourceFieldReport): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(JSON.stringify(report));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}

/** The reports every HR source of this workflow saved in this very execution. */
export async function sourceReportsThisRun(
  context: IExecuteFunctions,
): Promise<SourceFieldReport[]> {
  const executionId = context.getExecutionId();
  // Without an execution ID nothing can be told apart from last night's report.
  if (!executionId) return [];
  const folder = workflowMemoryFolder(context);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const reports: SourceFieldReport[] = [];
  for (const name of names.filter((file) => file.startsWith(PREFIX) && file.endsWith('.json'))) {
    const report = await loadSourceReport(join(folder, name));
    if (report?.executionId === String(executionId)) reports.push(report);
  }
  return reports;
}

function parseReport(value: unknown): SourceFieldReport | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const texts = (list: unknown) =>
    Array.isArray(list) ? list.filter((entry): entry is string => typeof entry === 'string') : [];
  return {
    executionId: String(record.executionId ?? ''),
    node: String(record.node ?? 'HR Source'),
    fieldReport: Array.isArray(record.fieldReport) ? (record.fieldReport as FieldReport) : [],
    unreadableFields: texts(record.unreadableFields),
    warnings: texts(record.warnings),
  };
}
