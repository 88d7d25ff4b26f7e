// Loaded into every n8n process of the bench through NODE_OPTIONS=--require; only an
// `n8n execute` process does anything (imports, npm and task runners are left alone):
//
// - As it exits it writes its own peak RSS (getrusage's ru_maxrss, what `/usr/bin/time -v`
//   reports as "Maximum resident set size") into HR_SYNC_BENCH_RSS_DIR/<pid>.json.
// - Its stdout pipe is made blocking. `n8n execute` logs the run's JSON through its logger
//   and calls process.exit() 100 ms later; on a pipe the rest of a large run is still
//   queued then and is lost (at 100,000 employees the harness got 78 MB of the JSON, cut
//   in the middle, with exit code 0). Blocking writes deliver all of it before the exit.
'use strict';
const dir = process.env.HR_SYNC_BENCH_RSS_DIR;
if (dir && process.argv.includes('execute')) {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream._handle && typeof stream._handle.setBlocking === 'function') {
      stream._handle.setBlocking(true);
    }
  }
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
