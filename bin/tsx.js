#!/usr/bin/env node
// Runs a TypeScript file of the project (benchmarks, scripts) the way bin/riskpool.js runs the CLI.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const [file, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], file, ...args];
await import(pathToFileURL(path.resolve(file)).href);
