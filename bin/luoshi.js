#!/usr/bin/env node
// Entry point declared in package.json `bin`. Runs the TypeScript CLI through tsx so that
// `npm ci` is all a fresh machine needs.
import { register } from 'tsx/esm/api';

register();
// `luoshi … | head` closes the pipe early: stop quietly instead of crashing with EPIPE.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
const { main } = await import('../src/platform/cli.ts');
process.exitCode = await main(process.argv.slice(2));
