/**
 * A file that cannot be read at all: nothing in it may be synced. The code is stable and
 * machine readable; the message tells a person what is wrong and what to do.
 */
export type FileErrorCode =
  | 'empty'
  | 'binary'
  | 'undecodable'
  | 'unknown_encoding'
  | 'no_header'
  | 'duplicate_column'
  | 'unbalanced_quote'
  | 'malformed_csv'
  | 'unreadable'
  | 'bad_mapping';

export class FileError extends Error {
  constructor(
    readonly code: FileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FileError';
  }
}
