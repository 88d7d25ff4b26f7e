import type { UserOutcome } from '../../../src/apply/outcome';
import {
  buildSyncReport,
  formatChanges,
  formatValue,
  plannedByAction,
  summaryLine,
  type SyncReportInput,
} from '../../../src/report/sync-report';
import { brake, outcome, repeat, rowIssue } from './report-fixtures';

const source = (rows: number, rejected = 0) => ({ rows, valid: rows - rejected, rejected });

describe('buildSyncReport counts', () => {
  it('counts a mixed set of upsert and archive outcomes by action and status', () => {
    const report = buildSyncReport({
      source: { rows: 20, valid: 18, rejected: 2, fileName: 'employees.csv' },
      outcomes: [
        outcome('1', 'create', 'succeeded'),
        outcome('2', 'create', 'succeeded'),
        outcome('3', 'create', 'failed', { httpStatus: 500, attempts: 3 }),
        outcome('4', 'update', 'succeeded'),
        outcome('5', 'reactivate', 'succeeded'),
        outcome('6', 'unchanged', 'unchanged'),
        outcome('7', 'unchanged', 'unchanged'),
        outcome('8', 'unchanged', 'unchanged'),
        outcome('9', 'skip', 'skipped', { reason: 'no external ID' }),
        outcome('10', 'skip', 'skipped', { reason: 'Held: deactivated by an admin', held: true }),
        outcome('10', 'archive', 'succeeded'),
        outcome('11', 'archive', 'succeeded'),
        outcome('12', 'archive', 'failed'),
        outcome('13', 'delete', 'succeeded'),
        outcome('14', 'update', 'failed'),
      ],
    });
    expect(report.counts).toEqual({
      rowsRead: 20,
      valid: 18,
      rejected: 2,
      created: 2,
      updated: 1,
      unchanged: 3,
      reactivated: 1,
      archived: 2,
      deleted: 1,
      failed: 3,
      skipped: 1,
      held: 1,
      planned: 0,
      managerLinksFailed: 0,
    });
    expect(report.fileName).toBe('employees.csv');
    expect(report.outcomes).toHaveLength(15);
  });

  it('counts a dry run as planned, not as written', () => {
    const report = buildSyncReport({
      dryRun: true,
      source: source(5),
      outcomes: [
        outcome('1', 'create', 'planned'),
        outcome('2', 'update', 'planned'),
        outcome('3', 'update', 'planned'),
        outcome('4', 'unchanged', 'unchanged'),
        outcome('5', 'archive', 'planned'),
      ],
    });
    expect(report.dryRun).toBe(true);
    expect(report.counts).toMatchObject({
      planned: 4,
      created: 0,
      updated: 0,
      archived: 0,
      unchanged: 1,
    });
    expect(plannedByAction(report)).toEqual({
      create: 1,
      update: 2,
      reactivate: 0,
      unchanged: 0,
      skip: 0,
      archive: 1,
      delete: 0,
    });
  });

  it('starts from zero with nothing given, and is not a dry run unless told', () => {
    const report = buildSyncReport({});
    expect(report.dryRun).toBe(false);
    expect(Object.values(report.counts).every((count) => count === 0)).toBe(true);
    expect(report).toMatchObject({
      brakes: [],
      failures: [],
      timings: {},
      outcomes: [],
      issues: [],
    });
  });

  it('adds unchanged users given as a count to those given one by one, and lists none of them', () => {
    const report = buildSyncReport({
      source: source(1003),
      outcomes: [outcome('1', 'update', 'succeeded'), outcome('2', 'unchanged', 'unchanged')],
      unchangedCount: 1001,
    });
    expect(report.counts).toMatchObject({ updated: 1, unchanged: 1002 });
    expect(report.outcomes).toHaveLength(2);
    expect(report.status).toBe('success');
  });

  it('accepts the apply stage outcomes as they are', () => {
    const applied: UserOutcome[] = [{ externalId: '1', action: 'create', status: 'succeeded' }];
    expect(buildSyncReport({ source: source(1), outcomes: applied }).counts.created).toBe(1);
  });

  it('copies what it is given and leaves absent times out of the JSON', () => {
    const input: SyncReportInput = {
      source: source(1),
      outcomes: [outcome('1', 'create', 'succeeded')],
      timings: { read: 12 },
      startedAt: '2024-05-01T02:00:00Z',
    };
    const report = buildSyncReport(input);
    (input.outcomes as unknown[]).push(outcome('2', 'create', 'succeeded'));
    (input.timings as Record<string, number>).apply = 5;
    expect(report.outcomes).toHaveLength(1);
    expect(report.timings).toEqual({ read: 12 });
    const json = JSON.parse(JSON.stringify(report)) as Record<string, unknown>;
    expect(json.startedAt).toBe('2024-05-01T02:00:00Z');
    expect('finishedAt' in json).toBe(false);
    expect('fileName' in json).toBe(false);
  });
});

describe('buildSyncReport status', () => {
  const written = [outcome('1', 'create', 'succeeded'), outcome('2', 'unchanged', 'unchanged')];
  const cases: [string, SyncReportInput, string][] = [
    ['everything valid and written', { source: source(2), outcomes: written }, 'success'],
    [
      'warnings only: the rows were kept',
      {
        source: source(2),
        outcomes: written,
        issues: [rowIssue(2, { severity: 'warning', code: 'manager_not_found' })],
      },
      'success',
    ],
    ['an empty source and nothing to do', { source: source(0) }, 'success'],
    [
      'brakes checked, none tripped',
      { source: source(2), outcomes: written, brakes: [brake('max_percentage', false)] },
      'success',
    ],
    ['no source read at all', { outcomes: written }, 'failed'],
    [
      'no source read, with the stage failure',
      { failures: [{ node: 'HR Source', message: 'connection refused' }] },
      'failed',
    ],
    [
      'a stage failed and nothing was written',
      { source: source(2), failures: [{ node: 'User Upsert', message: '401 Unauthorized' }] },
      'failed',
    ],
    [
      'a brake tripped and nothing was written',
      { source: source(2), brakes: [brake('max_percentage', true)] },
      'failed',
    ],
    [
      'every write failed',
      {
        source: source(2),
        outcomes: [outcome('1', 'create', 'failed'), outcome('2', 'update', 'failed')],
      },
      'failed',
    ],
    ['every row rejected', { source: { rows: 3, valid: 0, rejected: 3 } }, 'failed'],
    [
      'a dry run stopped by a brake (the real run would write nothing)',
      {
        dryRun: true,
        source: source(2),
        outcomes: [outcome('1', 'archive', 'planned')],
        brakes: [brake('empty_snapshot', true)],
      },
      'failed',
    ],
    [
      'some writes failed, others succeeded',
      { source: source(3), outcomes: [...written, outcome('3', 'update', 'failed')] },
      'partial',
    ],
    [
      'some writes failed, the rest were already up to date',
      {
        source: source(2),
        outcomes: [outcome('1', 'unchanged', 'unchanged'), outcome('2', 'update', 'failed')],
      },
      'partial',
    ],
    ['some rows rejected', { source: source(3, 1), outcomes: written }, 'partial'],
    [
      'a brake held the archive back but the upsert wrote',
      {
        source: source(2),
        outcomes: written,
        brakes: [brake('max_count', true)],
        failures: [{ node: 'Archive Missing Users', message: 'max_count tripped' }],
      },
      'partial',
    ],
    [
      'a later stage failed after the upsert wrote',
      {
        source: source(2),
        outcomes: written,
        failures: [{ node: 'Archive Missing Users', message: 'timeout' }],
      },
      'partial',
    ],
    [
      'a clean dry run',
      { dryRun: true, source: source(2), outcomes: [outcome('1', 'create', 'planned')] },
      'success',
    ],
    [
      'a dry run with rejected rows',
      { dryRun: true, source: source(3, 1), outcomes: [outcome('1', 'create', 'planned')] },
      'partial',
    ],
  ];

  it.each(cases)('%s', (_, input, status) => {
    expect(buildSyncReport(input).status).toBe(status);
  });
});

describe('formatChanges', () => {
  it('writes each change as "field: from → to", empty values and lists readably', () => {
    expect(
      formatChanges([
        { attribute: 'dept', field: 'department', from: 'Sales', to: 'Supply Chain' },
        { attribute: 'tags', field: 'tags', from: ['a', 'b'], to: [] },
        { attribute: 'phone', field: 'mobilePhone', from: undefined, to: '+31612345678' },
        { attribute: 'active', field: '', from: true, to: false },
      ]),
    ).toBe(
      'department: Sales → Supply Chain; tags: a, b → (empty); mobilePhone: (empty) → +31612345678; active: true → false',
    );
    expect(formatChanges(undefined)).toBe('');
    expect(formatValue(null)).toBe('(empty)');
    expect(formatValue('')).toBe('(empty)');
  });
});

describe('summaryLine', () => {
  it('says what happened in one sentence', () => {
    const report = buildSyncReport({
      source: { rows: 120, valid: 118, rejected: 2 },
      outcomes: [
        ...repeat(3, (i) => outcome(`c${i}`, 'create', 'succeeded')),
        ...repeat(5, (i) => outcome(`u${i}`, 'update', 'succeeded')),
        outcome('r', 'reactivate', 'succeeded'),
        ...repeat(100, (i) => outcome(`n${i}`, 'unchanged', 'unchanged')),
        ...repeat(2, (i) => outcome(`a${i}`, 'archive', 'succeeded')),
        outcome('f', 'update', 'failed'),
      ],
    });
    expect(summaryLine(report)).toBe(
      'Partial: 120 rows read, 118 valid, 2 rejected; 3 created, 5 updated, 1 reactivated, 2 archived, 1 failed.',
    );
  });

  it('says so when nothing changed', () => {
    const report = buildSyncReport({
      source: source(1),
      outcomes: [outcome('1', 'unchanged', 'unchanged')],
    });
    expect(summaryLine(report)).toBe('Success: 1 row read, 1 valid, 0 rejected; no changes.');
  });

  it('tells a dry run by what it would do', () => {
    const report = buildSyncReport({
      dryRun: true,
      source: source(10),
      outcomes: [
        outcome('1', 'create', 'planned'),
        outcome('2', 'create', 'planned'),
        outcome('3', 'update', 'planned'),
        outcome('4', 'delete', 'planned'),
      ],
    });
    expect(summaryLine(report)).toBe(
      'Success (dry run): 10 rows read, 10 valid, 0 rejected; 2 to create, 1 to update, 1 to delete.',
    );
  });

  it('names tripped brakes and failed stages', () => {
    const report = buildSyncReport({
      source: source(50),
      brakes: [brake('max_percentage', true), brake('empty_snapshot', false)],
      failures: [{ node: 'Archive Missing Users', message: 'stopped by a brake' }],
    });
    expect(summaryLine(report)).toBe(
      'Failed: 50 rows read, 50 valid, 0 rejected; no changes; safety brake tripped: max_percentage; Archive Missing Users failed.',
    );
  });

  it('stays on one line whatever a node is called (safe as a mail subject)', () => {
    const report = buildSyncReport({
      failures: [{ node: 'Evil\r\nBcc: victim@example.com', message: 'x' }],
    });
    const line = summaryLine(report);
    expect(line).not.toMatch(/[\r\n]/);
    expect(line).toBe(
      'Failed: 0 rows read, 0 valid, 0 rejected; no changes; Evil Bcc: victim@example.com failed.',
    );
  });
});

describe('buildSyncReport: manager links', () => {
  it('counts a written user whose manager link failed, and calls the run partial', () => {
    const report = buildSyncReport({
      source: { rows: 2, valid: 2, rejected: 0 },
      outcomes: [
        {
          externalId: 'E1',
          action: 'create',
          status: 'succeeded',
          manager: { to: 'E2', status: 'failed', reason: 'answered 400' },
        },
        { externalId: 'E2', action: 'create', status: 'succeeded' },
      ],
    });
    expect(report.counts).toMatchObject({ created: 2, failed: 0, managerLinksFailed: 1 });
    expect(report.status).toBe('partial');
  });
});
