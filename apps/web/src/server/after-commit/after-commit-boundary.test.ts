import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The one hand-off (STYLE P15) is kept by lint rules (eslint.config.mjs): routes, server actions
// and worker processors never reach the queues or the realtime publisher themselves, and the web
// calls a data function with a receipt only through mutations.ts. These tests make sure the rules
// still fire, and that their list follows the data layer: a new function returning `afterCommit`
// that the list does not name fails here, not silently in production.

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function problems(filePath: string, text: string) {
  const [result] = await eslint.lintText(text, { filePath: `${root}${filePath}` });
  return result!.messages.filter((m) => m.ruleId?.endsWith('no-restricted-imports')).map((m) => `${m.line} ${m.ruleId}`);
}

describe('the after-commit boundary', () => {
  it('a route or server action that reaches the queues, the publisher or a receipt-bearing original fails lint', async () => {
    const probe = [
      "import { QueueClient, RealtimePublisher, handOff } from '@baton/queue';",
      "import { handOffAfterCommit } from '@/server/api/queue';",
      "import { realtimePublisher } from '../../server/realtime/realtime-publisher';",
      "import { fireWaitNow, addComment } from '@baton/db';",
      'export const probe = [QueueClient, RealtimePublisher, handOff, handOffAfterCommit, realtimePublisher, fireWaitNow, addComment];',
      '',
    ].join('\n');
    const expected = [
      '1 @typescript-eslint/no-restricted-imports',
      '1 @typescript-eslint/no-restricted-imports',
      '1 @typescript-eslint/no-restricted-imports',
      '2 @typescript-eslint/no-restricted-imports',
      '3 @typescript-eslint/no-restricted-imports',
      '4 no-restricted-imports',
      '4 no-restricted-imports',
    ];
    expect(await problems('apps/web/src/app/api/v1/conversations/[id]/close/route.ts', probe)).toEqual(expected);
    expect(await problems('apps/web/src/server/runs/run-actions.ts', probe)).toEqual(expected);
    // The hand-off's own plumbing may.
    expect(await problems('apps/web/src/server/api/queue.ts', "import { QueueClient, handOff } from '@baton/queue';\nexport const x = [QueueClient, handOff];\n")).toEqual([]);
  }, 60_000);

  it('a worker processor that builds its own QueueClient or publisher fails lint', async () => {
    const probe = "import { QueueClient, RealtimePublisher } from '@baton/queue';\nexport const probe = [QueueClient, RealtimePublisher];\n";
    expect(await problems('apps/worker/src/run-mover.ts', probe)).toEqual(['1 @typescript-eslint/no-restricted-imports', '1 @typescript-eslint/no-restricted-imports']);
    expect(await problems('apps/worker/src/outbox-relay.ts', probe)).toEqual([]);
  }, 60_000);

  it('every @baton/db export whose result carries a receipt is restricted in the web and has a Committing twin', async () => {
    const config = readFileSync(`${root}eslint.config.mjs`, 'utf8');
    const block = config.slice(config.indexOf("name: '@baton/db'"));
    const restricted = [...block.slice(0, block.indexOf(']')).matchAll(/'(\w+)'/g)].map((m) => m[1]!).sort();
    const mutations = readFileSync(`${root}apps/web/src/server/after-commit/mutations.ts`, 'utf8');
    const twins = [...mutations.matchAll(/export const (\w+) = committing\(data\.(\w+),/g)].map((m) => {
      expect(m[1]).toBe(m[2]);
      return m[1]!;
    });
    expect(twins.sort()).toEqual(restricted);
    // Worker-only: results of many workspaces or of a job, handed to RunsHandOff by the worker.
    const workerOnly = ['markIdleMembersAway', 'recordDeliveryAttempt'];
    expect(withReceipt().sort()).toEqual([...restricted, ...workerOnly].sort());
  }, 120_000);
});

/** The functions exported by @baton/db whose (awaited) result, or its elements, has `afterCommit`. */
function withReceipt(): string[] {
  const configPath = `${root}packages/db/tsconfig.json`;
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, `${root}packages/db`);
  const program = ts.createProgram({ rootNames: [`${root}packages/db/src/index.ts`], options: { ...parsed.options, noEmit: true } });
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(`${root}packages/db/src/index.ts`)!;
  const found: string[] = [];
  for (const symbol of checker.getExportsOfModule(checker.getSymbolAtLocation(index)!)) {
    const type = checker.getTypeOfSymbol(symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
    for (const signature of type.getCallSignatures()) {
      const awaited = checker.getAwaitedType(signature.getReturnType()) ?? signature.getReturnType();
      const parts = awaited.isUnion() ? awaited.types : [awaited];
      const carries = parts.some((part) => {
        const element = checker.isArrayType(part) ? checker.getTypeArguments(part as ts.TypeReference)[0] : part;
        return Boolean(element?.getProperty('afterCommit'));
      });
      if (carries) {
        found.push(symbol.getName());
        break;
      }
    }
  }
  return found;
}
