/**
 * A real HTTPS server handing out files, for the HTTPS file source tests: a throwaway CA
 * and a server certificate for 127.0.0.1 and localhost made with the openssl CLI, and
 * node:https serving files registered per path, each with the authentication it requires.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './run-command';

export type FileAuth = 'none' | 'basic' | 'bearer';

export interface HttpsFileServer {
  /** https://127.0.0.1:PORT */
  url: string;
  /** PEM of the CA that signed the server certificate. */
  ca: string;
  caFile: string;
  basic: { user: string; password: string };
  bearerToken: string;
  /** Serves `data` at `path`; `headers` go out with it (Content-Type, Content-Disposition). */
  put(path: string, data: Buffer, auth?: FileAuth, headers?: Record<string, string>): void;
  /** Every request received, in order. */
  requests: Array<{ path: string; authorization?: string }>;
  stop(): Promise<void>;
}

interface ServedFile {
  data: Buffer;
  auth: FileAuth;
  headers: Record<string, string>;
}

export async function startHttpsFileServer(): Promise<HttpsFileServer> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'hrsync-https-'));
  const pki = await makeCertificates(dir);
  const basic = { user: 'hr-export', password: randomBytes(12).toString('base64url') };
  const bearerToken = randomBytes(24).toString('base64url');
  const files = new Map<string, ServedFile>();
  const requests: HttpsFileServer['requests'] = [];

  const server = createServer({ key: pki.key, cert: pki.cert }, (req, res) => {
    const path = new URL(req.url ?? '/', 'https://peer').pathname;
    const authorization = req.headers.authorization;
    requests.push({ path, ...(authorization !== undefined ? { authorization } : {}) });
    const file = files.get(path);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (!authorized(file.auth, authorization, basic, bearerToken)) {
      const challenge = file.auth === 'basic' ? 'Basic realm="hr"' : 'Bearer';
      res.writeHead(401, { 'www-authenticate': challenge, 'content-type': 'text/plain' }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/csv', ...file.headers }).end(file.data);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ca: pki.ca,
    caFile: pki.caFile,
    basic,
    bearerToken,
    put: (path, data, auth = 'none', headers = {}) => files.set(path, { data, auth, headers }),
    requests,
    stop: async () => {
      await closeServer(server);
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

function authorized(
  required: FileAuth,
  authorization: string | undefined,
  basic: { user: string; password: string },
  bearerToken: string,
): boolean {
  if (required === 'none') return true;
  if (required === 'basic') {
    const expected = Buffer.from(`${basic.user}:${basic.password}`).toString('base64');
    return authorization === `Basic ${expected}`;
  }
  return authorization === `Bearer ${bearerToken}`;
}

/** A CA, and a server certificate it signed with IP and DNS names for loopback. */
async function makeCertificates(
  dir: string,
): Promise<{ ca: string; caFile: string; key: string; cert: string }> {
  const openssl = (args: string[]) => run('openssl', args, { cwd: dir });
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key']);
  await openssl(
    ['req', '-x509', '-new', '-key', 'ca.key', '-sha256', '-days', '2'].concat([
      '-subj',
      '/CN=hr-sync test CA',
      '-out',
      'ca.pem',
    ]),
  );
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'server.key']);
  await openssl([
    'req',
    '-new',
    '-key',
    'server.key',
    '-subj',
    '/CN=127.0.0.1',
    '-out',
    'server.csr',
  ]);
  await fs.writeFile(
    join(dir, 'server.ext'),
    [
      'subjectAltName = IP:127.0.0.1, DNS:localhost',
      'basicConstraints = CA:FALSE',
      'keyUsage = digitalSignature',
      'extendedKeyUsage = serverAuth',
      '',
    ].join('\n'),
  );
  await openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
    ].concat(['-days', '2', '-sha256', '-extfile', 'server.ext', '-out', 'server.pem']),
  );
  const read = (name: string) => fs.readFile(join(dir, name), 'utf8');
  return {
    ca: await read('ca.pem'),
    caFile: join(dir, 'ca.pem'),
    key: await read('server.key'),
    cert: await read('server.pem'),
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // Keep-alive sockets of the test's client would hold close() open.
    server.closeAllConnections();
  });
}
