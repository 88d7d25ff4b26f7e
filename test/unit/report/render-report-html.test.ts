import { escapeHtml, renderReportHtml } from '../../../src/report/render-report-html';
import { buildSyncReport, type SyncReportInput } from '../../../src/report/sync-report';
import { EVIL, brake, outcome, repeat, rowIssue } from './report-fixtures';

const ESCAPED_EVIL = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;';

/** The only tags the renderer writes; anything else got in from a value. */
const OWN_TAGS = new Set([
  '!doctype',
  'html',
  'head',
  'meta',
  'title',
  'body',
  'table',
  'tr',
  'td',
  'th',
  'h1',
  'h2',
  'p',
  'span',
]);

const tagsIn = (html: string): string[] =>
  [...html.matchAll(/<\/?([!a-z0-9-]+)/gi)].map((match) => match[1]!.toLowerCase());

const count = (html: string, text: string): number => html.split(text).length - 1;

const clean: SyncReportInput = {
  source: { rows: 2, valid: 2, rejected: 0 },
  outcomes: [outcome('1', 'create', 'succeeded'), outcome('2', 'unchanged', 'unchanged')],
};

describe('renderReportHtml', () => {
  it('is one complete document with inline styles and no external resources', () => {
    const html = renderReportHtml(buildSyncReport(clean));
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>HR sync report</title>');
    expect(html).not.toMatch(/<(script|style|link|img|iframe)\b|\bsrc=|\bhref=|url\(|@import/i);
    expect(html).not.toMatch(/\bclass=/);
    expect(tagsIn(html).filter((tag) => !OWN_TAGS.has(tag))).toEqual([]);
  });

  it.each([
    ['success', clean, '#1e7b34', 'Success'],
    ['partial', { ...clean, source: { rows: 3, valid: 2, rejected: 1 } }, '#b45309', 'Partial'],
    ['failed', { outcomes: clean.outcomes }, '#b91c1c', 'Failed'],
  ] as const)('colours a %s headline', (status, input, colour, label) => {
    const report = buildSyncReport(input);
    expect(report.status).toBe(status);
    const html = renderReportHtml(report);
    expect(html).toMatch(
      new RegExp(`<span style="[^"]*background:${colour};[^"]*">${label}</span>`),
    );
  });

  it('marks a dry run and shows what it would do', () => {
    const html = renderReportHtml(
      buildSyncReport({
        dryRun: true,
        source: { rows: 1, valid: 1, rejected: 0 },
        outcomes: [outcome('1', 'create', 'planned')],
      }),
    );
    expect(html).toContain('Dry run: nothing was written');
    expect(html).toContain('Success (dry run)');
    expect(html).toMatch(/To create<\/td><td[^>]*>1<\/td>/);
    expect(html).toContain('Users to change');
    expect(renderReportHtml(buildSyncReport(clean))).not.toContain('Dry run');
  });

  it('shows the counts, the summary line and the times', () => {
    const html = renderReportHtml(
      buildSyncReport({
        ...clean,
        startedAt: '2024-05-01T02:00:00Z',
        finishedAt: '2024-05-01T02:01:10Z',
        timings: { read: 120, upsert: 3400 },
        source: { rows: 2, valid: 2, rejected: 0, fileName: 'hr-export.csv' },
      }),
    );
    expect(html).toContain('Success: 2 rows read, 2 valid, 0 rejected; 1 created.');
    expect(html).toMatch(/Rows read<\/td><td[^>]*>2<\/td>/);
    expect(html).toMatch(/Created<\/td><td[^>]*>1<\/td>/);
    expect(html).toMatch(/Unchanged<\/td><td[^>]*>1<\/td>/);
    expect(html).toContain('File: hr-export.csv · Started: 2024-05-01T02:00:00Z');
    expect(html).toMatch(/upsert<\/td><td[^>]*>3400<\/td>/);
  });

  it('lists tripped brakes with their messages and every failure', () => {
    const html = renderReportHtml(
      buildSyncReport({
        ...clean,
        brakes: [
          brake('max_percentage', true, '30 of 100 users (30%) would be archived'),
          brake('empty_snapshot', false, 'The source has 2 employees.'),
        ],
        failures: [{ node: 'Archive Missing Users', message: 'Stopped by a safety brake.' }],
      }),
    );
    expect(html).toContain('Safety brakes tripped');
    expect(html).toContain('30 of 100 users (30%) would be archived');
    expect(html).toContain('max_percentage');
    expect(html).not.toContain('The source has 2 employees.');
    expect(html).toContain('Archive Missing Users');
    expect(html).toContain('Stopped by a safety brake.');
  });

  it('lists failed users first, then changed, then skipped, and leaves the unchanged out', () => {
    const html = renderReportHtml(
      buildSyncReport({
        source: { rows: 4, valid: 4, rejected: 0 },
        outcomes: [
          outcome('upd-1', 'update', 'succeeded', {
            changes: [{ attribute: 'd', field: 'department', from: 'Sales', to: 'Ops' }],
          }),
          outcome('same-1', 'unchanged', 'unchanged'),
          outcome('skip-1', 'skip', 'skipped', { reason: 'resolve it by hand' }),
          outcome('fail-1', 'create', 'failed', { reason: 'Conflict', httpStatus: 409 }),
        ],
      }),
    );
    expect(html).toContain('Users failed, changed and skipped');
    expect(html).not.toContain('same-1');
    const order = ['fail-1', 'upd-1', 'skip-1'].map((id) => html.indexOf(`>${id}<`));
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('department: Sales → Ops');
    expect(html).toMatch(/>409<\/td>/);
  });

  it('lists the rejected rows errors, not the warnings, and says how many warnings there are', () => {
    const html = renderReportHtml(
      buildSyncReport({
        ...clean,
        issues: [
          rowIssue(4, { message: 'is not an e-mail address' }),
          rowIssue(5, { severity: 'warning', message: 'manager 9 is not in the file' }),
        ],
      }),
    );
    expect(html).toContain('Rejected rows');
    expect(html).toContain('is not an e-mail address');
    expect(html).not.toContain('manager 9 is not in the file');
    expect(html).toContain('1 warning on rows that were kept');
  });

  it('shows the first maxRows users and rejected rows, then how many more', () => {
    const report = buildSyncReport({
      source: { rows: 30, valid: 20, rejected: 10 },
      outcomes: repeat(12, (i) => outcome(`user-${i}`, 'update', 'failed')),
      issues: repeat(10, (i) => rowIssue(i + 2, { externalId: `row-${i}` })),
    });
    const html = renderReportHtml(report, { maxRows: 5 });
    expect(count(html, '>user-')).toBe(5);
    expect(count(html, '>row-')).toBe(5);
    expect(html).toContain('… and 7 more');
    expect(html).toContain('… and 5 more');
    expect(html).toContain('>user-4<');
    expect(html).not.toContain('>user-5<');

    const none = renderReportHtml(report, { maxRows: 0 });
    expect(count(none, '>user-')).toBe(0);
    expect(none).toContain('… and 12 more');
    expect(none).toContain('… and 10 more');
  });

  it('shows 200 rows by default', () => {
    const report = buildSyncReport({
      source: { rows: 250, valid: 0, rejected: 250 },
      issues: repeat(250, (i) => rowIssue(i + 2, { externalId: `row-${i}` })),
    });
    const html = renderReportHtml(report);
    expect(count(html, '>row-')).toBe(200);
    expect(html).toContain('… and 50 more');
    expect(renderReportHtml(report, { maxRows: 250 })).not.toContain('more</td>');
  });

  it('escapes every value: no raw markup from names, messages or the title survives', () => {
    const evilChange = { attribute: 'n', field: EVIL, from: EVIL, to: [EVIL] };
    const html = renderReportHtml(
      buildSyncReport({
        startedAt: EVIL,
        source: { rows: 3, valid: 2, rejected: 1, fileName: EVIL },
        outcomes: [
          outcome(EVIL, 'update', 'succeeded', { changes: [evilChange] }),
          outcome(`${EVIL}-2`, 'create', 'failed', { reason: EVIL }),
          outcome(`${EVIL}-3`, 'skip', 'skipped', { reason: EVIL }),
        ],
        issues: [rowIssue(2, { externalId: EVIL, field: EVIL, message: EVIL })],
        brakes: [brake('max_count', true, EVIL)],
        failures: [{ node: EVIL, message: EVIL }],
        timings: { [EVIL]: 1 },
      }),
      { title: EVIL },
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain(EVIL);
    expect(html).not.toContain(`"x"`);
    expect(html).not.toContain(`'quoted'`);
    expect(count(html, ESCAPED_EVIL)).toBeGreaterThanOrEqual(15);
    expect(html).toContain(`<title>${ESCAPED_EVIL}</title>`);
    expect(html).toContain(`${ESCAPED_EVIL}: ${ESCAPED_EVIL} → ${ESCAPED_EVIL}`);
    expect(tagsIn(html).filter((tag) => !OWN_TAGS.has(tag))).toEqual([]);
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;',
    );
  });
});
