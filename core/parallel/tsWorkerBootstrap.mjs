// Starts a TypeScript worker module when the code runs from sources (tsx, vitest): registers tsx's
// loader inside the worker thread, then imports the real module, whose URL is the last argv entry.
import { register } from 'tsx/esm/api';

register();
await import(process.argv[process.argv.length - 1]);
