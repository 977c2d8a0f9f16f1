import type { Catalog } from '../catalog';
import type { Condition } from '../conditions/condition-schema';
import type { StepNode } from '../schema/workflow-definition';
import { commentVariables, unknownVariables } from '../templates/comment-variables';
import { conditionContactProblems, stepContactProblems } from './contact-problems';
import { httpRunVariables } from '../steps/http-request-step';
import type { LooseGraph } from './loose-graph';
import type { Problem } from './problem';

function stepLabel(step: StepNode): string {
  return `“${step.name ?? step.id}”`;
}

function variableProblems(step: StepNode, runVars: readonly string[]): Problem[] {
  const known = (v: string) => runVars.includes(v) || (step.type === 'http_request' && /^secret\.[A-Za-z][A-Za-z0-9_]*$/.test(v));
  const check = (text: string, field: string, what: string): Problem[] =>
    unknownVariables(text)
      .filter((v) => !known(v))
      .map((v) => ({
        stepId: step.id,
        field,
        code: 'unknown_variable' as const,
        message: `${what} ${stepLabel(step)} uses {{${v}}}, which isn't a known variable (use ${[...commentVariables, ...runVars].map((x) => `{{${x}}}`).join(', ')}${step.type === 'http_request' ? ', or {{secret.NAME}}' : ''}).`,
      }));
  if (step.type === 'comment') return check(step.config.text, 'config.text', 'Comment');
  if (step.type === 'send_message') return check(step.config.text, 'config.text', 'Message');
  if (step.type === 'http_request')
    return [
      ...check(step.config.url, 'config.url', 'Request'),
      ...step.config.headers.flatMap((h, i) => check(h.value, `config.headers.${i}.value`, 'Request')),
      ...check(step.config.body, 'config.body', 'Request'),
    ];
  return [];
}

function conditionCatalogProblems(step: StepNode, c: Condition, at: string, catalog: Catalog): Problem[] {
  const problems: Problem[] = [...conditionContactProblems(step, c, at, catalog)];
  if (c.kind === 'assignee' && c.userId && !catalog.users.some((u) => u.id === c.userId)) {
    problems.push({ stepId: step.id, field: `${at}.userId`, code: 'unknown_user', message: `Branch ${stepLabel(step)} checks for user "${c.userId}", who isn't in this workspace.` });
  }
  if (c.kind === 'team' && c.teamId && !catalog.teams.some((t) => t.id === c.teamId)) {
    problems.push({ stepId: step.id, field: `${at}.teamId`, code: 'unknown_team', message: `Branch ${stepLabel(step)} checks for team "${c.teamId}", which doesn't exist.` });
  }
  // Channels are optional in the catalog; without them we can't judge, so we don't.
  if (c.kind === 'channel' && catalog.channels && !catalog.channels.some((ch) => ch.id === c.channelId)) {
    problems.push({ stepId: step.id, field: `${at}.channelId`, code: 'unknown_channel', message: `Branch ${stepLabel(step)} checks for channel "${c.channelId}", which doesn't exist.` });
  }
  return problems;
}

function catalogProblems(step: StepNode, catalog: Catalog): Problem[] {
  const problems: Problem[] = [...stepContactProblems(step, catalog)];
  const knownUser = (id: string) => catalog.users.some((u) => u.id === id);
  if (step.type === 'assign') {
    const t = step.config.target;
    if (t.type === 'user' && !knownUser(t.userId)) {
      problems.push({ stepId: step.id, field: 'config.target.userId', code: 'unknown_user', message: `Step ${stepLabel(step)} assigns to user "${t.userId}", who isn't in this workspace.` });
    }
    if (t.type === 'team') {
      const team = catalog.teams.find((x) => x.id === t.teamId);
      if (!team) {
        problems.push({ stepId: step.id, field: 'config.target.teamId', code: 'unknown_team', message: `Step ${stepLabel(step)} assigns to team "${t.teamId}", which doesn't exist.` });
      } else if (team.memberIds.length === 0) {
        problems.push({ stepId: step.id, field: 'config.target.teamId', code: 'empty_team', message: `Step ${stepLabel(step)} assigns to ${team.name}, which has no members.` });
      }
    }
  }
  if (step.type === 'comment') {
    step.config.mentions.forEach((m, i) => {
      if (m.type === 'user' && !knownUser(m.userId)) {
        problems.push({ stepId: step.id, field: `config.mentions.${i}.userId`, code: 'unknown_user', message: `Comment ${stepLabel(step)} mentions user "${m.userId}", who isn't in this workspace.` });
      }
    });
  }
  // Business-time steps naming a team's hours: a deleted team would silently mean the workspace's.
  const scheduleRefs: Array<[unknown, string]> =
    step.type === 'wait' ? [[step.config.businessHours, 'config.businessHours']]
    : step.type === 'wait_until' && step.config.until === 'schedule_opens' ? [[step.config.schedule, 'config.schedule']]
    : step.type === 'time_branch' ? step.config.conditions.map((c, i): [unknown, string] => ['schedule' in c ? c.schedule : undefined, `config.conditions.${i}.schedule`])
    : [];
  for (const [ref, at] of scheduleRefs) {
    const r = ref as { type?: string; teamId?: string } | undefined;
    if (r?.type === 'team' && r.teamId && !catalog.teams.some((t) => t.id === r.teamId)) {
      problems.push({ stepId: step.id, field: `${at}.teamId`, code: 'unknown_team', message: `Step ${stepLabel(step)} uses the hours of team "${r.teamId}", which doesn't exist.` });
    }
  }
  if (step.type === 'branch') {
    step.config.branches.forEach((b, i) =>
      b.conditions.forEach((c, j) => {
        problems.push(...conditionCatalogProblems(step, c, `config.branches.${i}.conditions.${j}`, catalog));
      }),
    );
  }
  return problems;
}

export function contentProblems(graph: LooseGraph, catalog?: Catalog): Problem[] {
  // Variables an HTTP request step of this workflow defines (http.<saveAs>.status, .<field>).
  const runVars = graph.steps.flatMap((s) => (s.parsed?.type === 'http_request' ? httpRunVariables(s.parsed.config) : []));
  return graph.steps.flatMap((s) => {
    if (!s.parsed) return [];
    return [...variableProblems(s.parsed, runVars), ...(catalog ? catalogProblems(s.parsed, catalog) : [])];
  });
}
