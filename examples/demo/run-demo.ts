/**
 * The three-night demo: the nightly example workflow in a real n8n, against a local SCIM
 * 2.0 server (scimmy) and a local OpenSSH SFTP server, with the files of
 * examples/data/nights. Prints each night's Sync Report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startScimServer } from '../../test/peers/scim-server';
import { startSshd } from '../../test/peers/sshd';
import { nightlyCredentials } from '../../test/peers/peer-credentials';
import { createN8nInstance } from '../../test/e2e/n8n/n8n-instance';
import { packPackage } from '../../test/e2e/n8n/pack-package';
import { outputOf, runError } from '../../test/e2e/helpers/run-data';
import { loadExample, setParameters } from '../../test/e2e/helpers/workflows';
import { seedSyncMemory } from '../../test/e2e/helpers/sync-memory';
import { printReport, type ReportJson } from './print-report';
import { repoRoot } from '../../test/support/repo-root';

const NIGHTS = join(repoRoot(), 'examples', 'data', 'nights');
const STORY = [
  'Night 1: the first sync. Everyone in the export is created.',
  'Night 2: two promotions, a leaver, and a rehire who was archived last year.',
  'Night 3: the export arrives truncated (6 of 11 rows).',
];

async function main(): Promise<void> {
  const [sshd, scim] = await Promise.all([
    startSshd({ passwordAuth: true }),
    startScimServer({ bulkMaxOperations: 0 }),
  ]);
  const n8n = await createN8nInstance({ packageTgz: await packPackage() });
  try {
    console.log(`n8n ${n8n.version}, with n8n-nodes-hr-sync installed as a community package`);
    console.log(`SCIM 2.0 platform: ${scim.url}   SFTP: ${sshd.host}:${sshd.port}`);
    // A former employee, whom this sync archived last year (its memory says so: only users
    // it archived itself are ever reactivated).
    scim.seed([
      {
        userName: 'noor.visser@example.com',
        externalId: 'E1012',
        active: false,
        name: { givenName: 'Noor', familyName: 'Visser' },
        emails: [{ value: 'noor.visser@example.com', type: 'work', primary: true }],
      },
    ]);
    await n8n.importCredentials(nightlyCredentials(sshd, scim));
    const workflow = loadExample('nightly-sftp-to-scim.manual.json', 'demoNightly');
    setParameters(workflow, 'HR Source', { folder: 'exports', stableSeconds: 0 });
    await n8n.importWorkflow(workflow);
    await seedSyncMemory(
      n8n,
      { workflowId: workflow.id, platform: 'scim', credentialId: 'hrSyncScimPlatform' },
      { archivedBySync: { E1012: '2025-11-30' } },
    );

    for (const [index, story] of STORY.entries()) {
      await sshd.put('exports/employees.csv', readFileSync(join(NIGHTS, `night-${index + 1}.csv`)));
      console.log(`\n=== ${story}`);
      const { result, exitCode } = await n8n.execute(workflow.id);
      const error = runError(result);
      if (error) {
        console.log(`The run stopped at "${error.node}": ${error.message}`);
        continue;
      }
      printReport(outputOf(result, 'Sync Report')[0]?.json as unknown as ReportJson);
      if (exitCode !== 0) console.log(`(n8n exited with ${exitCode})`);
      const users = scim.users();
      console.log(
        `Platform now: ${users.filter((user) => user.active).length} active, ${users.filter((user) => !user.active).length} archived users.`,
      );
    }
  } finally {
    await Promise.allSettled([n8n.remove(), sshd.stop(), scim.close()]);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
