import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nightlyCredentials } from '../../peers/peer-credentials';
import { repoRoot } from '../../support/repo-root';
import { createN8nInstance, type N8nInstance } from '../../e2e/n8n/n8n-instance';
import { startN8nServer, type N8nServer } from '../../e2e/n8n/n8n-server';
import { packPackage } from '../../e2e/n8n/pack-package';
import { signUpOwner } from '../../e2e/n8n/owner';
import { outputOf, runError } from '../../e2e/helpers/run-data';
import { loadExample, setParameters } from '../../e2e/helpers/workflows';
import { startCredentialPeers, type CredentialPeers } from './credential-peers';

const SAMPLE = readFileSync(join(repoRoot(), 'examples', 'data', 'employees.csv'), 'utf8');
/** Two rows HR got wrong, so that the report has rejected rows to show. */
const REJECTED_ROWS = [
  'E1007,Piet,Bakker,piet.bakker@@example,06 98765432,NL,nl,Sales,Intern,E1003,2024-02-01,',
  ',Nameless,Row,nameless@example.com,,NL,nl,Sales,Intern,E1003,2024-02-01,',
];

export interface EditorN8n {
  peers: CredentialPeers;
  n8n: N8nInstance;
  server: N8nServer;
  /** The Sync Report's HTML of a nightly run of the SFTP → SCIM example, for the e-mail. */
  reportHtml: string;
  stop(): Promise<void>;
}

/**
 * The peers, an n8n with the packed package and the nightly example's credentials, one run
 * of that example (its report, and SCIM users for the editor to list), then `n8n start` with
 * the owner signed up, who signs in through the editor.
 */
export async function startEditorN8n(): Promise<EditorN8n> {
  const peers = await startCredentialPeers();
  let n8n: N8nInstance | undefined;
  let server: N8nServer | undefined;
  const stop = async () => {
    await server?.stop();
    await Promise.allSettled([n8n?.remove(), peers.stop()]);
  };
  try {
    const env = { NODE_EXTRA_CA_CERTS: peers.https.caFile };
    n8n = await createN8nInstance({ packageTgz: await packPackage(), env });
    await n8n.importCredentials(nightlyCredentials(peers.sshd, peers.scim));
    const reportHtml = await runNightly(n8n, peers);
    server = await startN8nServer(n8n, env);
    await signUpOwner(server);
    return { peers, n8n, server, reportHtml, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** `n8n execute` of the nightly example's Manual-trigger twin (the server is not up yet). */
async function runNightly(n8n: N8nInstance, peers: CredentialPeers): Promise<string> {
  await peers.sshd.put(
    'exports/employees.csv',
    [SAMPLE.trimEnd(), ...REJECTED_ROWS, ''].join('\n'),
  );
  const workflow = setParameters(
    loadExample('nightly-sftp-to-scim.manual.json', 'editorNightlyRun'),
    'HR Source',
    { folder: 'exports', stableSeconds: 0 },
  );
  await n8n.importWorkflow(workflow);
  const { result, exitCode } = await n8n.execute(workflow.id);
  const html = outputOf(result, 'Sync Report')[0]?.json.html;
  if (exitCode !== 0 || typeof html !== 'string') {
    throw new Error(
      `the nightly run gave no report (exit ${exitCode}): ${runError(result)?.message}`,
    );
  }
  return html;
}
