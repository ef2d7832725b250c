#!/usr/bin/env node
// Entry point declared in package.json `bin`. Runs the TypeScript CLI through tsx so that
// `npm ci` is all a fresh machine needs.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/platform/cli.ts');
process.exitCode = await main(process.argv.slice(2));
