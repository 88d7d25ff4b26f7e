import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  MemoryConflictError,
  parseMemory,
  type MemoryStore,
  type SyncMemoryState,
} from './sync-memory';

/** A lock older than this is taken to be left by a run that died. */
const STALE_LOCK_MS = 5 * 60_000;
const LOCK_WAIT_MS = 20_000;

/**
 * The memory as one JSON file. A save takes a lock file, checks that nobody saved since
 * this run loaded, writes a temporary file, flushes it to disk and renames it over the old
 * one, so a crash leaves the old memory or the new one, never half of either.
 */
export class FileMemoryStore implements MemoryStore {
  private loadedRevision = 0;

  constructor(private readonly path: string) {}

  get location(): string {
    return this.path;
  }

  async load(): Promise<SyncMemoryState> {
    const state = await this.read();
    this.loadedRevision = state.revision;
    return state;
  }

  async save(state: SyncMemoryState): Promise<SyncMemoryState> {
    await mkdir(dirname(this.path), { recursive: true });
    const release = await this.lock();
    try {
      const onDisk = await this.read();
      if (onDisk.revision !== this.loadedRevision) {
        throw new MemoryConflictError(this.path, this.loadedRevision, onDisk.revision);
      }
      const next: SyncMemoryState = {
        ...state,
        // Past both this file's and the caller's: a mirror that was ahead stays behind no more.
        revision: Math.max(onDisk.revision, state.revision) + 1,
        updatedAt: new Date().toISOString(),
      };
      const temporary = `${this.path}.${process.pid}.tmp`;
      const handle = await open(temporary, 'w', 0o600);
      try {
        await handle.writeFile(JSON.stringify(next));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, this.path);
      this.loadedRevision = next.revision;
      return next;
    } finally {
      await release();
    }
  }

  private async read(): Promise<SyncMemoryState> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return parseMemory(undefined);
      throw error;
    }
    try {
      return parseMemory(JSON.parse(text));
    } catch {
      // A memory that cannot be read must not be taken for an empty one: that would reset
      // the brakes and the ledger without anyone noticing.
      throw new Error(
        `The sync's memory at ${this.path} is not valid JSON. Fix or remove the file (removing it resets the brakes and the ledger).`,
      );
    }
  }

  private async lock(): Promise<() => Promise<void>> {
    const lockPath = `${this.path}.lock`;
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        const handle = await open(lockPath, 'wx');
        await handle.close();
        return () => rm(lockPath, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const age = await stat(lockPath).then(
          (s) => Date.now() - s.mtimeMs,
          () => 0,
        );
        if (age > STALE_LOCK_MS) await rm(lockPath, { force: true });
        else if (Date.now() > deadline) {
          throw new Error(
            `The sync's memory at ${this.path} is locked by another run (${lockPath}). Run again when it has finished.`,
          );
        } else await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }
}

/**
 * Two stores of one memory: the newer (higher revision) wins on load, and a save goes to
 * both. The primary checks for conflicts; the mirror only follows. Used to keep n8n's
 * workflow static data (saved by n8n in its own database, but not for manual runs) in step
 * with the file (saved on every run).
 */
export class MirroredMemoryStore implements MemoryStore {
  constructor(
    private readonly primary: MemoryStore,
    private readonly mirror: MemoryStore,
  ) {}

  get location(): string {
    return `${this.primary.location} (mirrored in ${this.mirror.location})`;
  }

  async load(): Promise<SyncMemoryState> {
    const [first, second] = await Promise.all([this.primary.load(), this.mirror.load()]);
    const newer = second.revision > first.revision ? second : first;
    return { ...newer, revision: Math.max(first.revision, second.revision) };
  }

  async save(state: SyncMemoryState): Promise<SyncMemoryState> {
    const saved = await this.primary.save(state);
    await this.mirror.save(saved);
    return saved;
  }
}

/** A memory held in a plain object (n8n's static data is one), saved as the caller saves it. */
export class ObjectMemoryStore implements MemoryStore {
  constructor(
    private readonly holder: Record<string, unknown>,
    private readonly key: string,
    readonly location: string,
  ) {}

  load(): Promise<SyncMemoryState> {
    return Promise.resolve(parseMemory(this.holder[this.key]));
  }

  save(state: SyncMemoryState): Promise<SyncMemoryState> {
    this.holder[this.key] = JSON.parse(JSON.stringify(state)) as unknown;
    return Promise.resolve(state);
  }
}
