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
          // Hang guards, as below: some unit tests start a process or threads (the content
          // loader's), which on a machine busy with other work takes longer than vitest's 5 s.
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          // Hang guards, not speed limits: every wait inside a test waits for a state
          // (test/helpers/wait.ts, Playwright with no default timeout), so only a test that
          // is stuck reaches these, however busy the machine.
          testTimeout: 900_000,
          hookTimeout: 1_200_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
