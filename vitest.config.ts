import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/**/*.spec.ts', 'protocols/**/*.spec.ts', 'plugins/*/src/**/*.spec.ts', 'test/**/*.spec.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    setupFiles: ['test/setupVrsHome.ts'],
  },
});
