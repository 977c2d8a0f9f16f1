import { describe, expect, it } from 'vitest';
import { definition, e, NOW, snapshot, state } from '../test-support/fixtures';
import { runUntilPause } from '../interpreter/run-until-pause';
import { validateDefinition } from '../validation/validate-definition';
import { httpRequestConfigSchema, httpRequestStep, httpRunVariables } from './http-request-step';

const config = httpRequestConfigSchema.parse({
  method: 'POST',
  url: 'https://crm.example.com/lookup?name={{contact.name}}',
  headers: [{ name: 'Authorization', value: 'Bearer {{secret.CRM_TOKEN}}' }],
  body: '{"name": "{{contact.name}}", "team": "{{team.name}}"}',
  saveAs: 'crm',
  fields: [{ name: 'plan', path: 'data.plan' }, { name: 'first', path: 'items.0.id' }],
});

const flow = definition({
  steps: [
    { id: 'call', type: 'http_request', config },
    { id: 'check', type: 'branch', config: { branches: [{ id: 'vip', conditions: [{ id: 'c', kind: 'run_variable', key: 'http.crm.plan', operator: 'is', value: 'enterprise' }] }] } },
    { id: 'note', type: 'comment', config: { text: 'Plan {{http.crm.plan}} (HTTP {{http.crm.status}})' } },
    { id: 'oops', type: 'comment', config: { text: 'Failed with {{http.crm.status}}' } },
  ],
  edges: [e('trigger', 'next', 'call'), e('call', 'success', 'check'), e('call', 'failed', 'oops'), e('check', 'branch:vip', 'note')],
});

describe('HTTP request step', () => {
  it('pauses the run at once with the rendered request; secrets stay references', () => {
    const plan = runUntilPause({ definition: flow, versionId: 'v', startStepId: 'call', state: state(), snapshot: snapshot({ contact: { name: 'Zoë "Z"' }, conversation: { teamId: 'sales' } }) });
    expect(plan.end).toEqual({ status: 'waiting', stepId: 'call', resumeStepId: 'call', wakeAt: NOW });
    expect(plan.state.pendingHttp).toEqual({
      stepId: 'call',
      method: 'POST',
      url: 'https://crm.example.com/lookup?name=Zo%C3%AB%20%22Z%22',
      headers: [{ name: 'Authorization', value: 'Bearer {{secret.CRM_TOKEN}}' }],
      body: '{"name": "Zoë \\"Z\\"", "team": "Sales"}',
      timeoutMs: 10_000,
      retries: 0,
    });
    expect(JSON.parse(plan.state.pendingHttp!.body!)).toEqual({ name: 'Zoë "Z"', team: 'Sales' });
  });

  it('on resume, a 2xx JSON answer takes success and its fields are variables for branches and comments', () => {
    const resumed = state({ pendingHttp: undefined, httpResult: { stepId: 'call', status: 200, error: null, json: { data: { plan: 'enterprise' }, items: [{ id: 7 }] } } });
    const plan = runUntilPause({ definition: flow, versionId: 'v', startStepId: 'call', state: resumed, snapshot: snapshot() });
    expect(plan.steps.map((s) => s.outcome.output)).toEqual(['success', 'branch:vip', 'next']);
    expect(plan.state.vars).toEqual({ 'http.crm.status': '200', 'http.crm.plan': 'enterprise', 'http.crm.first': '7' });
    expect(plan.state.httpResult).toBeUndefined();
    expect(plan.steps[2]!.outcome.effects).toEqual([{ type: 'comment', text: 'Plan enterprise (HTTP 200)', mentionUserIds: [] }]);
  });

  it('a non-2xx status, a timeout or a non-JSON answer takes failed with the reason', () => {
    for (const [result, reason] of [
      [{ status: 503, error: null, json: {} }, 'HTTP 503'],
      [{ status: null, error: 'Timed out after 500 ms' }, 'Timed out after 500 ms'],
      [{ status: 200, error: 'The response is not JSON' }, 'The response is not JSON'],
    ] as const) {
      const r = httpRequestStep.execute(config, { stepId: 'call', snapshot: snapshot(), state: state({ httpResult: { stepId: 'call', ...result } }), follow: (h) => h });
      expect(r.output).toBe('failed');
      expect(r.decision.explanation).toContain(reason);
      expect(r.next).toEqual({ type: 'continue', stepId: 'failed' });
    }
  });

  it('unknown template variables are publish-time problems on the step; its own variables and secrets are known', () => {
    expect(validateDefinition(flow)).toEqual([]);
    const bad = definition({
      steps: [{ id: 'call', type: 'http_request', config: { ...config, url: 'https://x.test/{{contact.email}}', body: '{"a": "{{http.other.plan}}"}' } }],
      edges: [e('trigger', 'next', 'call')],
    });
    const problems = validateDefinition(bad);
    expect(problems.map((p) => [p.stepId, p.field, p.code])).toEqual([
      ['call', 'config.url', 'unknown_variable'],
      ['call', 'config.body', 'unknown_variable'],
    ]);
    expect(httpRunVariables(config)).toEqual(['http.crm.status', 'http.crm.plan', 'http.crm.first']);
  });
});
