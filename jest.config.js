/** Two projects: `unit` needs no build; `cli` runs the built `hr-sync` binary. */
const transform = { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] };

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      displayName: 'cli',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/cli/**/*.test.ts'],
    },
  ],
};
