import { describe, expect, it } from 'vitest';
import { api, poll } from './browser';

describe('public API against the running app', () => {
  it('serves its OpenAPI description', async () => {
    const res = await fetch(`${process.env.BATON_E2E_URL}/api/v1/openapi.json`);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/channels/{id}/messages');
  });

  it('routes a customer message through the published seed workflow', async () => {
    const sent = await api(`/channels/${process.env.BATON_E2E_CHANNEL_ID}/messages`, {
      method: 'POST',
      json: { contact: { externalId: 'e2e-api-1', name: 'Api Person' }, text: 'Hello from e2e', externalId: 'e2e-msg-1' },
    });
    expect(sent.status).toBe(201);
    const conversation = await poll(async () => {
      const r = await api(`/conversations/${sent.body.conversationId}`);
      return r.body?.assignee ? r.body : null;
    });
    expect(['Alice', 'Bob']).toContain(conversation.assignee.name);
    const replay = await api(`/channels/${process.env.BATON_E2E_CHANNEL_ID}/messages`, {
      method: 'POST',
      json: { contact: { externalId: 'e2e-api-1', name: 'Api Person' }, text: 'Hello from e2e', externalId: 'e2e-msg-1' },
    });
    expect(replay.status).toBe(200);
    expect(replay.body.duplicate).toBe(true);
  });

  it('answers bad input with 400 naming the field, and a bad key with 401', async () => {
    const bad = await api(`/channels/${process.env.BATON_E2E_CHANNEL_ID}/messages`, { method: 'POST', json: { contact: {}, text: '' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['contact.externalId', 'text']));
    const unauth = await api('/users', { headers: { authorization: 'Bearer bk_live_nope' } });
    expect(unauth.status).toBe(401);
  });
});

describe('workflows through the public API', () => {
  it('keeps an invalid draft, refuses to publish it with every problem, then publishes and runs the fixed one', async () => {
    const teams = (await api('/teams')).body.teams as Array<{ id: string; name: string }>;
    const sales = teams.find((t) => t.name === 'Sales')!.id;
    const support = teams.find((t) => t.name === 'Support')!.id;
    const definition = {
      schemaVersion: 1,
      trigger: { id: 'trigger', type: 'trigger', config: { event: 'manual', conditions: [] } },
      steps: [
        { id: 'assign-sales', type: 'assign', config: { target: { type: 'team', teamId: sales } } },
        { id: 'wait', type: 'wait', config: { duration: { amount: 0, unit: 'seconds' } } },
        {
          id: 'check',
          type: 'branch',
          config: {
            branches: [
              {
                id: 'no-reply',
                match: 'all',
                conditions: [
                  { id: 'open', kind: 'conversation_status', operator: 'is', value: 'open' },
                  { id: 'silent', kind: 'last_outgoing_message', operator: 'not_exists' },
                ],
              },
            ],
          },
        },
        { id: 'assign-support', type: 'assign', config: { target: { type: 'team', teamId: support } } },
        { id: 'note', type: 'comment', config: { text: '{{previous_assignee.name}} did not reply', mentions: [{ type: 'current_assignee' }] } },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'assign-sales' },
        { id: 'e2', source: 'assign-sales', sourceHandle: 'next', target: 'wait' },
        { id: 'e3', source: 'wait', sourceHandle: 'next', target: 'check' },
        { id: 'e4', source: 'check', sourceHandle: 'branch:no-reply', target: 'assign-support' },
        { id: 'e5', source: 'assign-support', sourceHandle: 'next', target: 'note' },
      ],
    };
    const created = await api('/workflows', { method: 'POST', json: { name: 'API handoff', definition } });
    expect(created.status).toBe(201);
    expect(created.body.problems.some((p: { stepId: string; field: string }) => p.stepId === 'wait' && p.field?.startsWith('config.duration'))).toBe(true);

    const refused = await api(`/workflows/${created.body.id}/publish`, { method: 'POST' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid_workflow');
    expect(refused.body.error.details.problems.length).toBeGreaterThan(0);

    definition.steps[1]!.config = { duration: { amount: 2, unit: 'seconds' } };
    const saved = await api(`/workflows/${created.body.id}`, { method: 'PUT', json: { definition } });
    expect(saved.status).toBe(200);
    expect(saved.body.problems).toEqual([]);
    const published = await api(`/workflows/${created.body.id}/publish`, { method: 'POST' });
    expect(published.status).toBe(200);
    expect(published.body.version).toBe(1);

    const sent = await api(`/channels/${process.env.BATON_E2E_CHANNEL_ID}/messages`, {
      method: 'POST',
      json: { contact: { externalId: 'e2e-api-manual', name: 'Manual Person' }, text: 'Anyone?' },
    });
    const started = await api(`/workflows/${created.body.id}/runs`, { method: 'POST', json: { conversationId: sent.body.conversationId } });
    expect(started.status).toBe(202);
    const runs = await poll(async () => {
      const r = await api(`/workflows/${created.body.id}/runs`);
      return r.body.runs.find((run: { conversationId: string; status: string }) => run.conversationId === sent.body.conversationId && run.status === 'completed') ?? null;
    });
    const detail = await api(`/runs/${runs.id}`);
    const assignments = detail.body.steps.filter((s: { stepType: string }) => s.stepType === 'assign');
    expect(assignments).toHaveLength(2);
    expect(assignments[1].decision.winnerUserId).toBeTruthy();
    expect(assignments[1].decision.explanation).toMatch(/Carol/);

    const stopped = await api(`/workflows/${created.body.id}/unpublish`, { method: 'POST' });
    expect(stopped.body.status).toBe('stopped');
    const wf = await api(`/workflows/${created.body.id}`);
    expect(wf.body.versions).toHaveLength(1);
  });

  it("answers 404 for another workspace's ids and for ids that are not ids", async () => {
    expect((await api('/workflows/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await api('/conversations/not-a-uuid')).status).toBe(404);
    expect((await api('/runs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
