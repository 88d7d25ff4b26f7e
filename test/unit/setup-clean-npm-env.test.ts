import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/repo-root';

const SCRIPT = join(repoRoot(), 'test', 'setup', 'clean-npm-env.sh');

/** Runs `command` in bash after the clean-up, with npm's variables as `npm run` exports them. */
function afterCleaning(command: string, extraEnv: Record<string, string>): string {
  const cwd = mkdtempSync(join(tmpdir(), 'hr-sync-npm-env-'));
  try {
    return execFileSync('bash', ['-c', `source "${SCRIPT}"; hr_sync_clean_npm_env; ${command}`], {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...extraEnv },
    });
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

// The fresh-machine failure: under `npm run`, this package's ignore-scripts=true reached the
// nested install of the n8n runtime's Node 24, whose preinstall is what fetches the binary.
describe('the npm environment the n8n runtime is installed with', () => {
  const fromNpmRun = {
    npm_config_ignore_scripts: 'true',
    NPM_CONFIG_IGNORE_SCRIPTS: 'true',
    npm_config_fund: '',
    npm_config_nodedir: '/usr',
    npm_config_local_prefix: '/work/main',
    npm_config_cache: '/tmp/an-empty-cache',
    npm_config_registry: 'https://registry.example.test/',
  };

  it('drops every setting of the package own .npmrc, in either case', () => {
    const names = afterCleaning('env', fromNpmRun)
      .split('\n')
      .map((line) => line.split('=')[0]!.toLowerCase());
    expect(names).not.toContain('npm_config_ignore_scripts');
    expect(names).not.toContain('npm_config_fund');
    expect(names).not.toContain('npm_config_nodedir');
    expect(names).not.toContain('npm_config_local_prefix');
  });

  it('keeps where the cache is and which registry to use', () => {
    const env = afterCleaning('env', fromNpmRun);
    expect(env).toContain('npm_config_cache=/tmp/an-empty-cache');
    expect(env).toContain('npm_config_registry=https://registry.example.test/');
  });

  it('leaves npm itself seeing install scripts on again', () => {
    const { npm_config_ignore_scripts, NPM_CONFIG_IGNORE_SCRIPTS, ...rest } = fromNpmRun;
    void npm_config_ignore_scripts;
    void NPM_CONFIG_IGNORE_SCRIPTS;
    const without = afterCleaning('npm config get ignore-scripts', rest).trim();
    // Whatever this machine's own npm config says is what the runtime's install must get.
    expect(afterCleaning('npm config get ignore-scripts', fromNpmRun).trim()).toBe(without);
  });
});
