import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkAgainst, conformResponse, ResponseContractError, undeclaredFields } from './response-contract';

const schema = z.object({ id: z.string(), at: z.iso.datetime(), items: z.array(z.object({ n: z.number() })), meta: z.unknown() });

describe('response contract', () => {
  it('builds the response from the schema: dates become ISO strings', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    expect(conformResponse(schema, { id: 'a', at, items: [{ n: 1 }], meta: { free: 1 } }, true)).toEqual({ id: 'a', at: at.toISOString(), items: [{ n: 1 }], meta: { free: 1 } });
  });

  it('a handler returning a field the schema does not declare fails in strict mode, naming it', () => {
    const value = { id: 'a', at: new Date(), items: [{ n: 1, secret: 'x' }], meta: null, workspaceId: 'w' };
    expect(() => conformResponse(schema, value, true)).toThrow(ResponseContractError);
    expect(() => conformResponse(schema, value, true)).toThrow(/items\[0\]\.secret: not declared; workspaceId: not declared/);
  });

  it('outside strict mode the undeclared fields are dropped from the answer', () => {
    expect(conformResponse(schema, { id: 'a', at: new Date(0), items: [], meta: 1, extra: true }, false)).toEqual({ id: 'a', at: new Date(0).toISOString(), items: [], meta: 1 });
  });

  it('a wrong type fails with its path', () => {
    expect(() => checkAgainst(schema, { id: 1, at: 'x', items: [], meta: null })).toThrow(/id: /);
  });

  it('undeclaredFields looks into arrays and nested objects only where the schema kept them', () => {
    expect(undeclaredFields({ a: { b: 1, c: 2 }, d: [{ e: 1 }] }, { a: { b: 1 }, d: [{}] })).toEqual(['a.c', 'd[0].e']);
  });
});
