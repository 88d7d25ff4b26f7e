import type {
  IDataObject,
  IExecuteFunctions,
  INodeExecutionData,
  INodeType,
  INodeTypeDescription,
} from 'n8n-workflow';
import { buildSyncReport, renderReportCsv, renderReportHtml, summaryLine } from '../../src';
import { syncReportProperties } from './SyncReport.description';
import { gatherRun, hrSourceWarnings } from './gather-run';

/**
 * One item for the whole run: the JSON summary with an overall status, and as binary the
 * HTML summary (for n8n's Send Email node), the full CSV report and the errors CSV.
 */
export class SyncReportV1 implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Sync Report',
    name: 'syncReport',
    icon: { light: 'file:syncReport.svg', dark: 'file:syncReport.dark.svg' },
    group: ['transform'],
    version: 1,
    description: 'Summarise the employee sync: counts, per-user outcomes, rejected rows and brakes',
    defaults: { name: 'Sync Report' },
    inputs: ['main'],
    outputs: ['main'],
    properties: syncReportProperties,
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const title = this.getNodeParameter('title', 0) as string;
    const options = this.getNodeParameter('options', 0, {}) as IDataObject;
    const { input, errorsCsv } = gatherRun(this);
    const warnings = await hrSourceWarnings(this);
    const report = buildSyncReport({
      ...input,
      ...(warnings.length > 0 ? { warnings } : {}),
      finishedAt: new Date().toISOString(),
    });
    const subject = `${title}: ${summaryLine(report)}`;
    const html = renderReportHtml(report, { title, maxRows: Number(options.maxRows ?? 200) });
    const binary: INodeExecutionData['binary'] = {
      html: await this.helpers.prepareBinaryData(
        Buffer.from(html, 'utf8'),
        'sync-report.html',
        'text/html',
      ),
      csv: await this.helpers.prepareBinaryData(
        Buffer.from(renderReportCsv(report), 'utf8'),
        'sync-report.csv',
        'text/csv',
      ),
      ...(errorsCsv ? { errors: errorsCsv } : {}),
    };
    return [
      [
        {
          // Unchanged users are counted, not listed: at 100,000 employees they would be most
          // of the item. The CSV attachment lists every user.
          json: {
            ...(report as unknown as IDataObject),
            outcomes: report.outcomes.filter(
              (outcome) => outcome.action !== 'unchanged',
            ) as unknown as IDataObject[],
            subject,
            html,
          },
          binary,
          pairedItem: this.getInputData().map((_, item) => ({ item })),
        },
      ],
    ];
  }
}
