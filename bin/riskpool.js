#!/usr/bin/env node
// The `riskpool` command. The sources are TypeScript, run through tsx: nothing to compile first.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
