import { Readable } from 'node:stream';
import {
  NodeOperationError,
  type IDataObject,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from 'n8n-workflow';
import {
  ErrorsCsvWriter,
  FileError,
  checkCsv,
  checkItems,
  itemLines,
  describeIssues,
  unknownRequiredFields,
  type CheckOptions,
  type CheckReport,
  type CheckSink,
} from '../../src';
import { csvParseValidateProperties } from './CsvParseValidate.description';
import { mappingFromParameters, requiredFromParameter } from './mapping-from-parameters';
import { placeholderItem } from '../shared/placeholder-item';

/**
 * Reads an employee CSV (or rows that arrive as items), maps and validates every row, and
 * sends valid records and rejected rows to two outputs. The rejected rows' errors CSV, the
 * file to fix and upload again, is attached to the first rejected item.
 */
export class CsvParseValidateV1 implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'CSV Parse & Validate',
    name: 'csvParseValidate',
    icon: { light: 'file:csvParseValidate.svg', dark: 'file:csvParseValidate.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle: '={{$parameter["inputType"] === "items" ? "rows as items" : "CSV file"}}',
    description:
      'Read an employee CSV, check every row, and split valid employees from rejected rows',
    defaults: { name: 'CSV Parse & Validate' },
    inputs: ['main'],
    // Two outputs, valid and rejected, as n8n's own If and Compare Datasets nodes have.
    // eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
    outputs: ['main', 'main'],
    outputNames: ['Valid', 'Rejected'],
    properties: csvParseValidateProperties,
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const items = this.getInputData();
    const valid: INodeExecutionData[] = [];
    const rejected: INodeExecutionData[] = [];
    const inputType = this.getNodeParameter('inputType', 0) as 'binary' | 'items';

    if (inputType === 'items') {
      const options = checkOptions(this, 0);
      const rows = items.map((item) => item.json);
      const lines = itemLines(rows);
      const itemOfLine = new Map(lines?.map((line, index) => [line, index]));
      const sink = collect(this, valid, rejected, (line) => itemOfLine.get(line) ?? line - 2);
      const report = await checkItems(rows, options, sink.sink);
      await sink.attachErrorsCsv(report);
      return withPlaceholder(this, valid, rejected);
    }

    for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
      try {
        const options = checkOptions(this, itemIndex);
        const sink = collect(this, valid, rejected, () => itemIndex);
        const { stream, bytes } = await binaryStream(this, itemIndex);
        const report = await checkCsv(
          stream,
          { ...options, ...(bytes !== undefined ? { sizeBytes: bytes } : {}) },
          sink.sink,
        );
        await sink.attachErrorsCsv(report);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (this.continueOnFail()) {
          rejected.push({ json: { error: message }, pairedItem: { item: itemIndex } });
          continue;
        }
        const description =
          error instanceof FileError
            ? 'Nothing was passed on: fix the file (or the options above) and run again.'
            : undefined;
        throw new NodeOperationError(this.getNode(), message, { itemIndex, description });
      }
    }
    return withPlaceholder(this, valid, rejected);
  }
}

function checkOptions(context: IExecuteFunctions, itemIndex: number): CheckOptions {
  const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
  let mapping;
  try {
    mapping = mappingFromParameters(
      options.mappingJson,
      context.getNodeParameter('columnMapping', itemIndex, {}) as IDataObject,
      context.getNodeParameter('valueRules', itemIndex, {}) as IDataObject,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new NodeOperationError(context.getNode(), message, { itemIndex });
  }
  // Matching, upserting and archiving all go by external ID: it is always required.
  const listed = requiredFromParameter(
    context.getNodeParameter('requiredFields', itemIndex) as string,
  );
  const required = listed.includes('externalId') ? listed : ['externalId', ...listed];
  const unknown = unknownRequiredFields(required);
  if (unknown.length > 0) {
    throw new NodeOperationError(
      context.getNode(),
      `Required Fields names unknown fields: ${unknown.join(', ')}`,
      {
        itemIndex,
        description:
          'Use the field names of the employee record, e.g. externalId, email, mobilePhone.',
      },
    );
  }
  const columnNames = String(options.columnNames ?? '').trim();
  const defaultCountry = String(context.getNodeParameter('defaultCountry', itemIndex, '')).trim();
  return {
    mapping,
    required,
    ...(defaultCountry ? { defaultCountry } : {}),
    ...(options.encoding && options.encoding !== 'auto'
      ? { encoding: String(options.encoding) }
      : {}),
    ...(options.delimiter && options.delimiter !== 'auto'
      ? { delimiter: String(options.delimiter) }
      : {}),
    ...(columnNames
      ? { header: false, columns: columnNames.split(',').map((name) => name.trim()) }
      : {}),
  };
}

/** Streams the binary from n8n's store when it lives on disk, so a big file is never whole in memory. */
/** The file's bytes as a stream (from n8n's store, without loading it whole), and its size. */
async function binaryStream(
  context: IExecuteFunctions,
  itemIndex: number,
): Promise<{ stream: Readable; bytes: number | undefined }> {
  const property = context.getNodeParameter('binaryPropertyName', itemIndex) as string;
  const binary = context.helpers.assertBinaryData(itemIndex, property);
  if (binary.id) {
    const bytes = typeof binary.bytes === 'number' ? binary.bytes : undefined;
    return { stream: await context.helpers.getBinaryStream(binary.id), bytes };
  }
  const buffer = await context.helpers.getBinaryDataBuffer(itemIndex, property);
  return { stream: Readable.from([buffer]), bytes: buffer.length };
}

/** Turns checked rows into items and writes the errors CSV as the rejected rows pass. */
function collect(
  context: IExecuteFunctions,
  valid: INodeExecutionData[],
  rejected: INodeExecutionData[],
  pairedItemOf: (line: number) => number,
) {
  let writer: ErrorsCsvWriter | undefined;
  let columns: string[] = [];
  const errorsCsv: string[] = [];
  const firstRejected = rejected.length;
  const sink: CheckSink = {
    start(source) {
      columns = source.columns;
      writer = new ErrorsCsvWriter(source.columns, source.delimiter);
      errorsCsv.push(writer.start());
    },
    valid(row) {
      const json = { ...row.record, line: row.line } as IDataObject;
      if (row.warnings.length > 0) json.warnings = row.warnings as unknown as IDataObject[];
      valid.push({ json, pairedItem: { item: pairedItemOf(row.line) } });
    },
    rejected(row) {
      const cells: IDataObject = {};
      columns.forEach((column, index) => (cells[column] = row.fields[index] ?? ''));
      errorsCsv.push(writer?.row(row.fields, row.issues) ?? '');
      rejected.push({
        json: {
          line: row.line,
          externalId: row.record.externalId ?? '',
          // So that Archive Missing Users can tell whose row this is when its ID is blank.
          email: row.record.email ?? '',
          errors: describeIssues(row.issues),
          issues: row.issues as unknown as IDataObject[],
          row: cells,
        },
        pairedItem: { item: pairedItemOf(row.line) },
      });
    },
  };
  const attachErrorsCsv = async (report: CheckReport): Promise<void> => {
    const first = rejected[firstRejected];
    if (!first || report.invalid === 0) return;
    const fileName = String(
      (context.getNodeParameter('options', 0, {}) as IDataObject).errorsFileName || 'errors.csv',
    );
    first.binary = {
      errors: await context.helpers.prepareBinaryData(
        Buffer.from(errorsCsv.join(''), 'utf8'),
        fileName,
        'text/csv',
      ),
    };
  };
  return { sink, attachErrorsCsv };
}

/**
 * n8n's "Always Output Data" adds its placeholder only when every output is empty. With that
 * setting, a file whose every row was rejected gets one on Valid too, so the nodes after it
 * (archive, report) still run and report the rejected file.
 */
function withPlaceholder(
  context: IExecuteFunctions,
  valid: INodeExecutionData[],
  rejected: INodeExecutionData[],
): INodeExecutionData[][] {
  if (valid.length === 0 && rejected.length > 0 && context.getNode().alwaysOutputData) {
    valid.push(placeholderItem());
  }
  return [valid, rejected];
}
