#!/usr/bin/env node
// Thin launcher: the command lives in the compiled engine (npm run build).
require('../dist/src/cli/main.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
