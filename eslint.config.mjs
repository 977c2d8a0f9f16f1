import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/.next*/**', '**/dist/**', '.data/**', 'packages/db/migrations/**', '**/next-env.d.ts', 'apps/web/e2e/screenshots/**', 'BENCHMARKS*', 'packages/api-client/src/schema.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // A switch over a union (effects, step types, statuses) names every member or has a
    // default: a new member then fails lint where it is not handled, instead of being
    // silently skipped. Type-aware, so only for the packages' own sources.
    files: ['packages/*/src/**/*.ts', 'apps/*/src/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    // One hand-off (STYLE P15): in the web, a mutating data function that leaves work for after
    // its commit is called through apps/web/src/server/after-commit/mutations.ts, whose result
    // is read only through `.handedOver()`; the @baton/db original would let a route forget it.
    // (after-commit-boundary.test.ts checks that this list names every @baton/db export whose
    // result carries a receipt, and that the rules below do fire.)
    files: ['apps/web/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', 'apps/web/src/server/after-commit/mutations.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@baton/db',
              importNames: [
                'closeConversation',
                'reopenConversation',
                'sendReply',
                'addComment',
                'assignConversation',
                'updateContact',
                'setAvailability',
                'startManualRun',
                'retryRun',
                'fireWaitNow',
                'cancelRun',
                'receiveSignedMessage',
              ],
              message: 'Import it from @/server/after-commit/mutations and read its result with .handedOver().',
            },
          ],
        },
      ],
    },
  },
  {
    // …and no route, server action or page reaches the queues or the realtime publisher itself:
    // jobs and notices are what a data function's receipt says, handed off after its commit
    // (a direct `rescheduleWait` or `conversationChanged` is the list of dispatches a caller
    // forgets, or announces a change that rolled back). Only the hand-off's own plumbing may:
    // server/api/queue.ts (the web's handOff), server/realtime/realtime-publisher.ts, the
    // mutations and the inbound group commit (which hands off a whole batch's receipts).
    // A distinct rule name from the block above, so neither replaces the other's options.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    ignores: [
      '**/*.test.ts',
      'apps/web/src/server/api/queue.ts',
      'apps/web/src/server/realtime/realtime-publisher.ts',
      'apps/web/src/server/after-commit/mutations.ts',
      'apps/web/src/server/api/inbound-group-commit.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@baton/queue',
              importNames: ['QueueClient', 'RealtimePublisher', 'handOff', 'handOffInBackground'],
              message: "Return it in the data function's afterCommit receipt and call it through @/server/after-commit/mutations.",
            },
          ],
          patterns: [
            {
              regex: '^(@/server/(api/queue|realtime/realtime-publisher)|\\./(queue|realtime-publisher)|.*/(api/queue|realtime/realtime-publisher))$',
              message: "Return it in the data function's afterCommit receipt and call it through @/server/after-commit/mutations.",
            },
          ],
        },
      ],
    },
  },
  {
    // The same boundary in the worker: what a processor, sweep or pass commits reaches the
    // queues and the inboxes through RunsHandOff (apps/worker/src/after-commit.ts), never by
    // a QueueClient or RealtimePublisher of its own. Allowed, and why: start-worker.ts builds
    // them; after-commit.ts is the hand-off; the outbox relay, the two timer reconcilers and
    // the delivery sweep commit nothing — they repair a lost hand-off and must replace a
    // failed or completed job under the same id, which the hand-off's add would keep; the
    // test harness enqueues as the web would.
    files: ['apps/worker/src/**/*.ts'],
    ignores: [
      '**/*.test.ts',
      'apps/worker/src/start-worker.ts',
      'apps/worker/src/after-commit.ts',
      'apps/worker/src/outbox-relay.ts',
      'apps/worker/src/reconcile-overdue-waits.ts',
      'apps/worker/src/reconcile-overdue-sla-timers.ts',
      'apps/worker/src/delivery-sweep.ts',
      'apps/worker/src/test-harness.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@baton/queue',
              importNames: ['QueueClient', 'RealtimePublisher', 'handOff', 'handOffInBackground'],
              message: 'Hand what the commit decided to RunsHandOff (./after-commit): now(), receipts().',
            },
          ],
        },
      ],
    },
  },
  {
    // The raw-SQL boundary: a whole statement over tables written by hand (CTEs, jsonb row
    // sources, locks taken in one round trip) lives in a `*.sql.ts` file named after what it
    // does, so the hand-written statements are in known places; their column lists come from
    // the drizzle tables (packages/db/src/sql/table-records.ts) and the hot ones are checked
    // against the schema by a unit test (sql/hot-statements.test.ts). Forbidden elsewhere:
    // `execute(sql`…`)`, `execute(sql.raw(…))` and a driver's `query('…')`.
    // Not statements of this kind, so allowed beside the code they serve (matched by their
    // text, not by file, so a table statement added to the same file is still caught):
    // transaction control (begin/commit/rollback — pipelined-transaction.ts is the mechanism),
    // advisory locks (a lock, not a read: create-api-key, the leader lease), and a dedicated
    // connection's session control (`set …`, `LISTEN`, the lease's `select 1` liveness ping).
    // Excluded files: tests (`*.test.ts`, which query freely to set up and assert), test
    // oracles (`*.oracle.ts`, the old paths kept only inside tests) and the security suite's
    // fixture that digests every table (apps/web/src/security/two-workspaces.ts, used only by
    // its int tests). Migrations, scripts/ and bench/ are outside the rule's files (tools, not
    // the product's data layer). A statement passed to execute() as a variable is not seen:
    // build it in the *.sql.ts file that executes it.
    files: ['packages/*/src/**/*.ts', 'apps/*/src/**/*.{ts,tsx}'],
    ignores: ['**/*.sql.ts', '**/*.test.ts', '**/*.oracle.ts', 'apps/web/src/security/two-workspaces.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name='execute'] > TaggedTemplateExpression.arguments[tag.name='sql']:not([quasi.quasis.0.value.raw=/^\\s*(begin|commit|rollback|set local|select pg_advisory_xact_lock)\\b/])",
          message: 'Whole-statement SQL goes in a *.sql.ts file (see packages/db/src/sql/).',
        },
        {
          selector: "CallExpression[callee.property.name='execute'] > CallExpression.arguments[callee.object.name='sql'][callee.property.name='raw']",
          message: 'Whole-statement SQL goes in a *.sql.ts file (see packages/db/src/sql/).',
        },
        {
          selector:
            "CallExpression[callee.property.name='query'] > Literal.arguments:first-child:not([value=/^\\s*(set |listen |select 1$|select pg_try_advisory_lock\\()/i])",
          message: "A driver's query(…) statement goes in a *.sql.ts file (see packages/db/src/sql/).",
        },
        {
          selector:
            "CallExpression[callee.property.name='query'] > TemplateLiteral.arguments:first-child:not([quasis.0.value.raw=/^\\s*(set |listen )/i])",
          message: "A driver's query(…) statement goes in a *.sql.ts file (see packages/db/src/sql/).",
        },
      ],
    },
  },
);
