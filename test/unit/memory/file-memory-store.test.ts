import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FileMemoryStore,
  MirroredMemoryStore,
  ObjectMemoryStore,
} from '../../../src/memory/file-memory-store';
import { MemoryConflictError, emptyMemory, spendApproval } from '../../../src/memory/sync-memory';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'hr-sync-memory-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe('FileMemoryStore', () => {
  it('starts empty, then gives back what was saved, with a higher revision each time', async () => {
    const path = join(folder, 'wf', 'sync.json');
    const store = new FileMemoryStore(path);
    expect(await store.load()).toEqual(emptyMemory());
    const saved = await store.save({
      ...emptyMemory(),
      lastSnapshotSize: 11,
      owned: { E1: '2024-06-15' },
      archivedBySync: { E2: '2024-06-15' },
    });
    expect(saved.revision).toBe(1);
    const again = await new FileMemoryStore(path).load();
    expect(again).toMatchObject({
      revision: 1,
      lastSnapshotSize: 11,
      owned: { E1: '2024-06-15' },
      archivedBySync: { E2: '2024-06-15' },
    });
    expect((await store.save(again)).revision).toBe(2);
    // Nothing half-written is left beside it.
    expect(await readdir(join(folder, 'wf'))).toEqual(['sync.json']);
  });

  it('refuses a save when another run saved since this one loaded', async () => {
    const path = join(folder, 'sync.json');
    const first = new FileMemoryStore(path);
    const second = new FileMemoryStore(path);
    await first.load();
    await second.load();
    await first.save({ ...emptyMemory(), lastSnapshotSize: 5 });
    await expect(second.save({ ...emptyMemory(), lastSnapshotSize: 0 })).rejects.toBeInstanceOf(
      MemoryConflictError,
    );
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ lastSnapshotSize: 5 });
  });

  it('does not take a damaged file for an empty memory, which would reset the brakes', async () => {
    const path = join(folder, 'sync.json');
    await writeFile(path, '{"owned": {"E1": "2024');
    await expect(new FileMemoryStore(path).load()).rejects.toThrow(/not valid JSON.*Fix or remove/);
  });

  it('fills what an older or hand-edited file lacks, and drops values of the wrong type', async () => {
    const path = join(folder, 'sync.json');
    await writeFile(path, JSON.stringify({ revision: 3, owned: { E1: 5, E2: '2024-01-01' } }));
    expect(await new FileMemoryStore(path).load()).toEqual({
      ...emptyMemory(),
      revision: 3,
      owned: { E2: '2024-01-01' },
    });
  });
});

describe('MirroredMemoryStore', () => {
  it('loads the newer of the two and saves to both, past either revision', async () => {
    const holder: Record<string, unknown> = {
      memory: { ...emptyMemory(), revision: 7, lastSnapshotSize: 40 },
    };
    const file = new FileMemoryStore(join(folder, 'sync.json'));
    const store = new MirroredMemoryStore(file, new ObjectMemoryStore(holder, 'memory', 'static'));
    const loaded = await store.load();
    expect(loaded).toMatchObject({ revision: 7, lastSnapshotSize: 40 });
    const saved = await store.save({ ...loaded, lastSnapshotSize: 41 });
    expect(saved.revision).toBe(8);
    expect(holder.memory).toMatchObject({ revision: 8, lastSnapshotSize: 41 });
    expect(await new FileMemoryStore(join(folder, 'sync.json')).load()).toMatchObject({
      revision: 8,
      lastSnapshotSize: 41,
    });
  });
});

describe('spendApproval', () => {
  it('adds a code once and keeps the list bounded', () => {
    let spent: string[] = [];
    for (let i = 0; i < 250; i++) spent = spendApproval(spent, `C${i}`);
    spent = spendApproval(spent, 'C249');
    expect(spent).toHaveLength(200);
    expect(spent.at(-1)).toBe('C249');
    expect(spent.filter((code) => code === 'C249')).toHaveLength(1);
  });
});
