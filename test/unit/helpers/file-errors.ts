import { FileError } from '../../../src/file/file-error';

/** The FileError a promise rejects with; fails the test if it resolves or rejects otherwise. */
export async function fileErrorFrom(work: Promise<unknown> | (() => unknown)): Promise<FileError> {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    if (error instanceof FileError) return error;
    throw error;
  }
  throw new Error('expected a FileError, but nothing was thrown');
}
