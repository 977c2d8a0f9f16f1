import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// apps/web's route handlers and server actions are imported by the security int tests
// (apps/web/src/security): resolve its `@/` paths, and stub Next's request-scoped modules.
const webSrc = fileURLToPath(new URL('./apps/web/src/', import.meta.url));
const webAliases = [
  { find: /^@\//, replacement: webSrc },
  { find: /^server-only$/, replacement: `${webSrc}security/server-only-stub.ts` },
];

// Int test files run two at a time by default. Vitest's default is "cores − 1", one file at a
// time on the 2-core CI machine, yet most int tests wait on Postgres, Redis, timers and child
// processes rather than the CPU. Each worker has its own database and Redis database
// (scripts/test/fork-databases-*.ts), so files never see each other's rows, wakes or queues.
const intWorkers = Math.max(1, Number(process.env.BATON_INT_WORKERS ?? 2));

// Three suites: unit (pure, fast), int (real Postgres + Redis), e2e (real Chromium).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        resolve: { alias: webAliases },
        test: {
          name: 'int',
          include: ['packages/*/src/**/*.int.test.ts', 'apps/*/src/**/*.int.test.ts', 'scripts/**/*.int.test.ts'],
          exclude: ['**/node_modules/**'],
          globalSetup: ['scripts/test/services-global-setup.ts', 'scripts/test/fork-databases-global-setup.ts'],
          setupFiles: ['scripts/test/fork-databases-setup.ts', 'apps/web/src/security/vitest-setup.ts'],
          maxWorkers: intWorkers,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['apps/web/e2e/**/*.e2e.test.ts'],
          globalSetup: ['scripts/test/services-global-setup.ts', 'scripts/test/app-global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
