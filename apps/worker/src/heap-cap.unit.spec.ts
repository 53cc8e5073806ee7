import { ConfigError, workerHeapMb } from '@app/config';
import { heapSizeGiven } from './heap-cap';

describe("the worker's heap cap", () => {
  it('is 256 MB unless the operator says otherwise; 0 leaves V8 its default', () => {
    expect(workerHeapMb({})).toBe(256);
    expect(workerHeapMb({ WORKER_HEAP_MB: '512' })).toBe(512);
    expect(workerHeapMb({ WORKER_HEAP_MB: '0' })).toBe(0);
  });

  it('refuses a cap too small to run in, or not a number', () => {
    expect(() => workerHeapMb({ WORKER_HEAP_MB: '16' })).toThrow(ConfigError);
    expect(() => workerHeapMb({ WORKER_HEAP_MB: 'lots' })).toThrow(ConfigError);
  });

  it('gives way to a heap size given to node itself, on its command line or in NODE_OPTIONS', () => {
    expect(heapSizeGiven(['-r', './scripts/paths.js'], '')).toBe(false);
    expect(heapSizeGiven(['--max-old-space-size=1024'], '')).toBe(true);
    expect(heapSizeGiven([], '--enable-source-maps --max-old-space-size=96')).toBe(true);
  });
});
