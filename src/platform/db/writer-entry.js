// The writer thread's entry: a worker thread does not inherit the TypeScript loader of the
// thread that started it, so it registers its own before loading the thread's code.
import { register } from 'tsx/esm/api';

register();
await import('./writer-thread.ts');
