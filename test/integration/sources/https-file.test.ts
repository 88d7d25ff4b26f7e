import { createServer, type Server, type Socket } from 'node:net';
import { nodeHttpClient } from '../../../src/http/node-http-client';
import { readHttpsFile, redactUrl } from '../../../src/sources/https-file';
import { startHttpsFileServer, type HttpsFileServer } from '../../peers/https-file-server';
import { expectNoSecrets, sourceErrorOf } from './helpers/source-errors';

let server: HttpsFileServer;
const csv = Buffer.from('id;name\n1;Ada\n');

beforeAll(async () => {
  server = await startHttpsFileServer();
  server.put('/open/employees.csv', csv);
  server.put('/basic/employees.csv', csv, 'basic');
  server.put('/bearer/employees.csv', csv, 'bearer');
  server.put('/named/export', csv, 'none', {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="hr.csv"; filename*=UTF-8''Mitarbeiter_%C3%BCbersicht.csv`,
  });
  server.put('/', csv);
});

afterAll(async () => {
  await server?.stop();
});

const basicHeader = () =>
  `Basic ${Buffer.from(`${server.basic.user}:${server.basic.password}`).toString('base64')}`;
const secrets = () => [server.basic.password, server.bearerToken, basicHeader()];
const client = (headers: Record<string, string> = {}) => nodeHttpClient({ ca: server.ca, headers });

describe('readHttpsFile', () => {
  it('downloads a file that needs no credential, named after the URL path', async () => {
    const file = await readHttpsFile(client(), `${server.url}/open/employees.csv`);

    expect(file).toEqual({
      fileName: 'employees.csv',
      mimeType: 'text/csv',
      size: csv.length,
      data: csv,
      url: `${server.url}/open/employees.csv`,
    });
  });

  it('downloads with basic authentication', async () => {
    const file = await readHttpsFile(
      client({ authorization: basicHeader() }),
      `${server.url}/basic/employees.csv`,
    );

    expect(file.data.equals(csv)).toBe(true);
    expect(server.requests.at(-1)).toEqual({
      path: '/basic/employees.csv',
      authorization: basicHeader(),
    });
  });

  it('downloads with a bearer token', async () => {
    const bearer = `Bearer ${server.bearerToken}`;

    const file = await readHttpsFile(
      client({ authorization: bearer }),
      `${server.url}/bearer/employees.csv`,
    );

    expect(file.data.equals(csv)).toBe(true);
    expect(server.requests.at(-1)?.authorization).toBe(bearer);
  });

  it('takes the name and media type the server gives', async () => {
    const file = await readHttpsFile(client(), `${server.url}/named/export`);

    expect(file.fileName).toBe('Mitarbeiter_übersicht.csv');
    expect(file.mimeType).toBe('text/csv');
  });

  it('names a file download.csv when neither the server nor the URL does', async () => {
    const file = await readHttpsFile(client(), `${server.url}/`);
    expect(file.fileName).toBe('download.csv');
  });

  it('returns the URL with its query values masked', async () => {
    const file = await readHttpsFile(client(), `${server.url}/open/employees.csv?sig=abc123`);

    expect(file.url).toBe(`${server.url}/open/employees.csv?sig=***`);
    expect(server.requests.at(-1)?.path).toBe('/open/employees.csv');
  });

  it.each([
    ['without a credential', {}],
    [
      'with a wrong password',
      { authorization: `Basic ${Buffer.from('hr-export:wrong').toString('base64')}` },
    ],
  ])('fails with auth_failed on 401 %s, saying to check the credential', async (_case, headers) => {
    const error = await sourceErrorOf(
      readHttpsFile(client(headers), `${server.url}/basic/employees.csv`),
    );

    expect(error.code).toBe('auth_failed');
    expect(error.status).toBe(401);
    expect(error.message).toContain('check the HTTPS file credential');
    expectNoSecrets(error, secrets());
  });

  it('fails with auth_failed on a wrong bearer token, without showing the token', async () => {
    const error = await sourceErrorOf(
      readHttpsFile(
        client({ authorization: 'Bearer wrong-token-value' }),
        `${server.url}/bearer/employees.csv`,
      ),
    );

    expect(error.code).toBe('auth_failed');
    expectNoSecrets(error, [...secrets(), 'wrong-token-value']);
  });

  it('fails with not_found on 404, naming the URL without its secrets', async () => {
    const url = `https://hr:userinfo-secret@127.0.0.1:${new URL(server.url).port}/missing.csv?token=query-secret`;

    const error = await sourceErrorOf(readHttpsFile(client(), url));

    expect(error.code).toBe('not_found');
    expect(error.status).toBe(404);
    expect(error.message).toContain(`${server.url}/missing.csv?token=***`);
    expectNoSecrets(error, [...secrets(), 'userinfo-secret', 'query-secret']);
  });

  it('refuses an http: URL without sending a request', async () => {
    const before = server.requests.length;

    const error = await sourceErrorOf(
      readHttpsFile(
        client(),
        `http://127.0.0.1:${new URL(server.url).port}/open/employees.csv?key=abc`,
      ),
    );

    expect(error.code).toBe('protocol');
    expect(error.message).toContain('only https://');
    expect(error.message).not.toContain('abc');
    expect(server.requests.length).toBe(before);
  });

  it('refuses text that is not a URL', async () => {
    const error = await sourceErrorOf(readHttpsFile(client(), 'employees.csv'));
    expect(error.code).toBe('protocol');
  });

  it('fails with protocol when the server certificate is not trusted', async () => {
    const error = await sourceErrorOf(
      readHttpsFile(nodeHttpClient(), `${server.url}/open/employees.csv`),
    );

    expect(error.code).toBe('protocol');
    expect(error.message).toContain('not trusted');
  });
});

describe('readHttpsFile without an answer', () => {
  let silent: Server;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => silent.close(resolve));
  });

  it('fails with unreachable when nothing listens on the port', async () => {
    const port = await closedPort();

    const error = await sourceErrorOf(readHttpsFile(client(), `https://127.0.0.1:${port}/e.csv`));

    expect(error.code).toBe('unreachable');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('fails with timeout when the server never answers', async () => {
    const port = (silent.address() as { port: number }).port;

    const error = await sourceErrorOf(
      readHttpsFile(client(), `https://127.0.0.1:${port}/e.csv`, { timeoutMs: 300 }),
    );

    expect(error.code).toBe('timeout');
    expect(error.message).toContain('300 ms');
  });
});

describe('redactUrl on the server URL', () => {
  it('keeps host and port, drops the credential and masks the query', () => {
    const { port } = new URL(server.url);
    expect(redactUrl(`https://u:p@127.0.0.1:${port}/a.csv?t=1`)).toBe(
      `https://127.0.0.1:${port}/a.csv?t=***`,
    );
  });
});

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
