// Flat config: typescript-eslint for all code, n8n's community-node rules for nodes,
// credentials and the package manifest. n8n's rule against runtime dependencies is
// deliberately not enabled: the engine needs csv-parse, libphonenumber-js and zod at run time.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const n8n = require('eslint-plugin-n8n-nodes-base');
const jsonParser = require('jsonc-eslint-parser');

const withoutRuntimeDependencyRule = (rules) =>
  Object.fromEntries(
    Object.entries(rules).filter(
      ([name]) => name !== 'n8n-nodes-base/community-package-json-no-runtime-dependencies',
    ),
  );

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/out/**', '.tmp/**'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.strict],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // noUncheckedIndexedAccess types every indexed read as possibly undefined; in the hot
      // loops over typed arrays and bytes an assertion is clearer than a dead branch.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        exports: 'writable',
      },
    },
  },
  {
    files: ['package.json'],
    languageOptions: { parser: jsonParser },
    plugins: { 'n8n-nodes-base': n8n },
    rules: withoutRuntimeDependencyRule(n8n.configs.community.rules),
  },
  {
    files: ['nodes/**/*.ts'],
    plugins: { 'n8n-nodes-base': n8n },
    rules: n8n.configs.nodes.rules,
  },
  {
    files: ['credentials/**/*.ts'],
    plugins: { 'n8n-nodes-base': n8n },
    rules: {
      ...n8n.configs.credentials.rules,
      // Written for n8n's own credentials, whose documentationUrl is a slug; a community
      // credential links a full URL, which this rule's autofix would mangle.
      'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
    },
  },
);
