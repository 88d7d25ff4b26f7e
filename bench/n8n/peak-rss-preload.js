// Loaded into every n8n process of the bench through NODE_OPTIONS=--require. An
// `n8n execute` process writes its own peak RSS (getrusage's ru_maxrss, what
// `/usr/bin/time -v` reports as "Maximum resident set size") as it exits, into
// HR_SYNC_BENCH_RSS_DIR/<pid>.json. Other processes (imports, npm, task runners) do nothing.
'use strict';
const dir = process.env.HR_SYNC_BENCH_RSS_DIR;
if (dir && process.argv.includes('execute')) {
  process.on('exit', (code) => {
    try {
      require('node:fs').writeFileSync(
        require('node:path').join(dir, `${process.pid}.json`),
        JSON.stringify({
          argv: process.argv.slice(2),
          maxRssKb: process.resourceUsage().maxRSS,
          exitCode: code,
        }),
      );
    } catch {
      // The bench falls back to what it polled from /proc.
    }
  });
}
