import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { checkCsv } from '../check/check-rows';
import { FileError } from '../file/file-error';
import { MappingError, parseMappingConfig, type MappingConfig } from '../mapping/mapping-config';
import { ErrorsCsvWriter } from '../report/errors-csv';
import { USAGE, UsageError, parseCheckArgs, type CheckArgs } from './args';
import { formatSummary } from './summary';

export const EXIT = { valid: 0, invalid: 1, unreadable: 2 } as const;

/** Runs `hr-sync` with these arguments and returns the exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return argv.length === 0 ? EXIT.unreadable : EXIT.valid;
  }
  let file = 'the file';
  try {
    const args = parseCheckArgs(argv);
    file = args.file;
    return await check(args);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`hr-sync: ${error.message}\n\n${USAGE}\n`);
    } else if (error instanceof FileError || error instanceof MappingError) {
      process.stderr.write(`hr-sync: cannot read ${file}: ${error.message}\n`);
    } else {
      process.stderr.write(`hr-sync: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    return EXIT.unreadable;
  }
}

async function check(args: CheckArgs): Promise<number> {
  await assertReadableFile(args.file);
  await assertOutputsSpareInput(args);
  const mapping = args.mapping ? await loadMapping(args.mapping) : undefined;
  // Outputs are opened only once the whole file has been read: a file that cannot be read
  // leaves no empty output behind. Without outputs the check keeps no rows between passes.
  let validOut: WriteStream | undefined;
  let errorsOut: WriteStream | undefined;
  let errorsCsv: ErrorsCsvWriter | undefined;

  try {
    const report = await checkCsv(
      createReadStream(args.file),
      {
        encoding: args.encoding,
        delimiter: args.delimiter,
        header: args.header,
        columns: args.columns,
        mapping,
        defaultCountry: args.defaultCountry,
        required: args.required,
        sizeBytes: (await stat(args.file)).size,
      },
      {
        start: (source) => {
          if (args.validOut) validOut = createWriteStream(args.validOut);
          if (!args.errorsOut) return;
          errorsOut = createWriteStream(args.errorsOut);
          errorsCsv = new ErrorsCsvWriter(source.columns, source.delimiter);
          return write(errorsOut, errorsCsv.start());
        },
        valid: args.validOut
          ? (row) => write(validOut, `${JSON.stringify(row.record)}\n`)
          : undefined,
        rejected: args.errorsOut
          ? (row) => write(errorsOut, errorsCsv?.row(row.fields, row.issues) ?? '')
          : undefined,
      },
    );
    process.stdout.write(
      `${args.json ? JSON.stringify(report) : formatSummary(args.file, report)}\n`,
    );
    return report.invalid > 0 ? EXIT.invalid : EXIT.valid;
  } finally {
    await Promise.all([close(validOut), close(errorsOut)]);
  }
}

async function assertReadableFile(path: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new FileError('unreadable', 'no such file (check the path).');
  }
  if (!info.isFile()) throw new FileError('unreadable', 'it is not a file.');
}

/**
 * Opening an output truncates it at once, so an output that is the input would destroy the
 * file before it is read. Compared by inode, so another spelling of the same path or a link
 * to it is caught too.
 */
async function assertOutputsSpareInput(args: CheckArgs): Promise<void> {
  const identity = async (path: string) => {
    const info = await stat(path).catch(() => undefined);
    return info && `${info.dev}:${info.ino}`;
  };
  const input = await identity(args.file);
  const outputs = [
    ['--valid-out', args.validOut],
    ['--errors-out', args.errorsOut],
  ] as const;
  for (const [option, path] of outputs) {
    if (path !== undefined && (await identity(path)) === input) {
      throw new UsageError(`${option} ${path} is the file being checked: choose another file.`);
    }
  }
}

async function loadMapping(path: string): Promise<MappingConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new MappingError(`The mapping file ${path} cannot be read.`);
  }
  try {
    return parseMappingConfig(JSON.parse(text));
  } catch (error) {
    if (error instanceof MappingError) throw new MappingError(`${path}: ${error.message}`);
    throw new MappingError(
      `The mapping file ${path} is not valid JSON: ${(error as Error).message}`,
    );
  }
}

async function write(stream: WriteStream | undefined, text: string): Promise<void> {
  if (stream && !stream.write(text)) await once(stream, 'drain');
}

async function close(stream: WriteStream | undefined): Promise<void> {
  if (!stream) return;
  stream.end();
  await once(stream, 'finish');
}
