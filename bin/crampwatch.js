#!/usr/bin/env node
// Entry point for `npx crampwatch`. The sources are TypeScript run through tsx's loader, so a
// fresh clone works after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../app/cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
