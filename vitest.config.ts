import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'src/**/*.test.ts', 'src/**/*.test.tsx'],
    // The emulator runs real child processes (Lambda handlers); keep the suite deterministic
    // on 2 cores rather than racing many forks.
    pool: 'forks',
    maxWorkers: 2,
    // Handlers under test log on purpose; show that output only when a test fails.
    silent: 'passed-only',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
