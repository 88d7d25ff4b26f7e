/**
 * Projects: `unit` needs no build; `cli` runs the built `hr-sync` binary;
 * `integration` runs the engine against real peers on loopback (sshd, a SCIM server,
 * a REST platform, an HTTPS file server); `e2e` runs the packed nodes in a real n8n;
 * `queue` runs them in n8n's queue mode (main, workers, Postgres, Redis); `editor` drives
 * that n8n's editor in Chromium.
 */
const transform = { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] };
const project = (displayName, dir, extra = {}) => ({
  displayName,
  testEnvironment: 'node',
  transform,
  testMatch: [`<rootDir>/test/${dir}/**/*.test.ts`],
  ...extra,
});

module.exports = {
  projects: [
    project('unit', 'unit'),
    project('cli', 'cli'),
    project('integration', 'integration'),
    project('e2e', 'e2e'),
    project('editor', 'editor'),
    project('queue', 'queue'),
  ],
};
