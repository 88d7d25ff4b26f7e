import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * An SFTP server holding the nightly HR export. Tested by the HR Source node's
 * `hrSyncSftpConnectionTest`, which really connects and checks the host key (required).
 */
export class HrSyncSftpApi implements ICredentialType {
  name = 'hrSyncSftpApi';

  displayName = 'HR Sync SFTP';

  documentationUrl = 'https://github.com/n8n-nodes-hr-sync/n8n-nodes-hr-sync/blob/main/README.md';

  properties: INodeProperties[] = [
    {
      displayName: 'Host',
      name: 'host',
      type: 'string',
      default: '',
      required: true,
      placeholder: 'sftp.example.com',
    },
    { displayName: 'Port', name: 'port', type: 'number', default: 22, required: true },
    { displayName: 'Username', name: 'username', type: 'string', default: '', required: true },
    {
      displayName: 'Authentication',
      name: 'authMethod',
      type: 'options',
      options: [
        { name: 'Password', value: 'password' },
        { name: 'Private Key', value: 'privateKey' },
      ],
      default: 'password',
    },
    {
      displayName: 'Password',
      name: 'password',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      displayOptions: { show: { authMethod: ['password'] } },
    },
    {
      displayName: 'Private Key',
      name: 'privateKey',
      type: 'string',
      typeOptions: { password: true, rows: 4 },
      default: '',
      description: 'The whole key file, from -----BEGIN to END-----',
      displayOptions: { show: { authMethod: ['privateKey'] } },
    },
    {
      displayName: 'Passphrase',
      name: 'passphrase',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      description: 'Only when the private key is protected by one',
      displayOptions: { show: { authMethod: ['privateKey'] } },
    },
    {
      displayName: 'Host Key Fingerprint',
      name: 'hostKeyFingerprint',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      placeholder: 'SHA256:Xq0v…',
      description:
        'The server\'s host key as "ssh-keygen -lf" prints it (SHA256:…). Required: a server with another key, or any server while this is empty, is refused before the password or key is sent. The Test button shows the key the server presents; check it with the server\'s owner before pasting it.',
    },
  ];
}
