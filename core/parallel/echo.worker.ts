// Test fixture: echoes its workerData back, doubled, to prove the loader works from sources and from dist.
import { parentPort, workerData } from 'node:worker_threads';

parentPort?.postMessage((workerData as number) * 2);
