import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type {
  BrakeResult,
  ReportOutcome,
  RowIssue,
  SourceSummary,
  StageFailure,
  SyncReportInput,
} from '../../src';
import { NODE_TYPE, PACKAGE } from '../shared/node-types';
import { isPlaceholder } from '../shared/placeholder-item';
import { sourceReportsThisRun } from '../shared/source-field-report';

interface NodeRun {
  isExecuted: boolean;
  all(branch?: number): INodeExecutionData[];
}

export interface GatheredRun {
  input: SyncReportInput;
  /** The errors CSV of the validation node, passed on for the e-mail. */
  errorsCsv?: IBinaryData;
}

/**
 * Reads, through n8n's own data proxy, what each HR Sync node before this one produced in
 * this run: no node has to pass its results along for the report to see them.
 */
export function gatherRun(context: IExecuteFunctions): GatheredRun {
  const proxy = context.getWorkflowDataProxy(0);
  const parents = context.getParentNodes(context.getNode().name).filter((node) => !node.disabled);
  const runOf = (name: string): NodeRun | undefined => {
    try {
      const run = proxy.$(name) as NodeRun;
      return run.isExecuted ? run : undefined;
    } catch {
      return undefined;
    }
  };
  const issues: RowIssue[] = [];
  const outcomes: ReportOutcome[] = [];
  const brakes: BrakeResult[] = [];
  const failures: StageFailure[] = [];
  const timings: Record<string, number> = {};
  const source: SourceSummary = { rows: 0, valid: 0, rejected: 0 };
  let sourceRead = false;
  let unchangedCount = 0;
  let dryRun = false;
  let errorsCsv: IBinaryData | undefined;

  for (const parent of parents) {
    const run = runOf(parent.name);
    if (!run) continue;
    if (parent.type === NODE_TYPE.csvParseValidate) {
      const valid = run.all(0).filter((item) => !isPlaceholder(item));
      const rejected = run.all(1);
      const fileErrors = rejected.filter(
        (item) => typeof item.json.error === 'string' && item.json.line === undefined,
      );
      for (const item of fileErrors)
        failures.push({ node: parent.name, message: String(item.json.error) });
      const rows = rejected.filter((item) => item.json.line !== undefined);
      sourceRead = true;
      source.rows += valid.length + rows.length;
      source.valid += valid.length;
      source.rejected += rows.length;
      for (const item of valid)
        issues.push(...((item.json.warnings as unknown as RowIssue[] | undefined) ?? []));
      for (const item of rows)
        issues.push(...((item.json.issues as unknown as RowIssue[] | undefined) ?? []));
      errorsCsv ??= rows.find((item) => item.binary?.errors)?.binary?.errors;
    } else if (parent.type === NODE_TYPE.userUpsert) {
      for (const item of run.all(0)) {
        if (typeof item.json.unchangedUsers === 'number') {
          unchangedCount += item.json.unchangedUsers;
          continue;
        }
        if (item.json.externalId === undefined && typeof item.json.reason === 'string') {
          failures.push({ node: parent.name, message: item.json.reason });
          continue;
        }
        outcomes.push(item.json as unknown as ReportOutcome);
        if (item.json.dryRun) dryRun = true;
      }
    } else if (parent.type === NODE_TYPE.archiveMissingUsers) {
      for (const item of run.all(0)) {
        const summary = item.json as IDataObject;
        outcomes.push(...((summary.outcomes as unknown as ReportOutcome[] | undefined) ?? []));
        brakes.push(...((summary.brakes as unknown as BrakeResult[] | undefined) ?? []));
        if (typeof summary.error === 'string')
          failures.push({ node: parent.name, message: summary.error });
        if (summary.dryRun) dryRun = true;
        const archiveTimings = summary.timings as Record<string, number> | undefined;
        if (archiveTimings) {
          timings.archiveReadMs = archiveTimings.readMs ?? 0;
          timings.archiveWriteMs = archiveTimings.writeMs ?? 0;
        }
      }
    }
  }
  if (parents.length === 0 || !parents.some((node) => node.type.startsWith(`${PACKAGE}.`))) {
    failures.push(...failuresFromErrorTrigger(context.getInputData()));
  }
  const input: SyncReportInput = {
    issues,
    outcomes,
    ...(unchangedCount > 0 ? { unchangedCount } : {}),
    brakes,
    failures,
    timings,
    ...(sourceRead ? { source } : {}),
    ...(dryRun ? { dryRun } : {}),
  };
  return { input, ...(errorsCsv ? { errorsCsv } : {}) };
}

/**
 * The warnings HR Source saved in this execution (BambooHR, Personio, HiBob: a field the
 * API user seems unable to read, retries that were needed). They are not in its items,
 * which are the employees' rows, so they are read from where User Upsert reads them too.
 */
export async function hrSourceWarnings(context: IExecuteFunctions): Promise<StageFailure[]> {
  return (await sourceReportsThisRun(context)).flatMap((report) =>
    report.warnings.map((message) => ({ node: report.node, message })),
  );
}

/**
 * In an error workflow (n8n's Error Trigger → Sync Report → Send Email), the input is the
 * failed execution: the report names the node that stopped the sync and why.
 */
function failuresFromErrorTrigger(items: INodeExecutionData[]): StageFailure[] {
  const failures: StageFailure[] = [];
  for (const item of items) {
    const execution = item.json.execution as IDataObject | undefined;
    const error = execution?.error as IDataObject | undefined;
    if (!error) continue;
    const workflow = (item.json.workflow as IDataObject | undefined)?.name;
    const node = String(
      execution?.lastNodeExecuted ??
        (error.node as IDataObject | undefined)?.name ??
        'unknown node',
    );
    failures.push({
      node: workflow ? `${String(workflow)} → ${node}` : node,
      message: String(error.message ?? 'the workflow failed'),
    });
  }
  return failures;
}
