import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests beside the modules they test, and the slower tests under
// test/ that drive real git repos, real builds, decap-server and Chromium (see CONTRIBUTING.md).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['pipeline/**/*.test.ts', 'site/**/*.test.ts', 'bench/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
