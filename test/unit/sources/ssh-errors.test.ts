import { toSourceError } from '../../../src/sources/sftp/ssh-errors';
import { SourceError } from '../../../src/sources/source-error';

const connection = {
  host: 'sftp.example.com',
  port: 2222,
  username: 'hr',
  password: 'hunter2-password',
  privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nkeymaterial\n-----END OPENSSH PRIVATE KEY-----',
  passphrase: 'passphrase-words',
};

describe('toSourceError', () => {
  it('masks the credential secrets in text a library error brings along', () => {
    const leaky = new Error(`odd failure near ${connection.password} / ${connection.passphrase}`);

    const error = toSourceError(leaky, { connection, path: 'in/e.csv', action: 'read' });

    expect(error.code).toBe('protocol');
    expect(error.message).toContain('sftp.example.com:2222');
    expect(error.message).toContain('in/e.csv');
    expect(JSON.stringify(error) + error.message).not.toMatch(/hunter2|passphrase-words/);
  });

  it('names the host and port of the server as 22 when no port is given', () => {
    const error = toSourceError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), {
      connection: { host: 'sftp.example.com', username: 'hr' },
    });

    expect(error.code).toBe('unreachable');
    expect(error.host).toBe('sftp.example.com:22');
  });

  it('says the user may not read a path on an SFTP permission error', () => {
    const denied = Object.assign(new Error('Permission denied'), { code: 3 });

    const error = toSourceError(denied, { connection, path: '/hr/e.csv', action: 'read' });

    expect(error.code).toBe('auth_failed');
    expect(error.message).toContain('"hr" may not read /hr/e.csv');
  });

  it('passes a SourceError through unchanged', () => {
    const original = new SourceError('no_match', 'nothing');
    expect(toSourceError(original, { connection })).toBe(original);
  });
});
