import type { RunState, Snapshot } from '../interpreter/snapshot';
import type { CommentConfig } from '../steps/comment-step';
import { replaceVariables, type CommentVariable } from './comment-variables';

export interface RenderedComment {
  text: string;
  mentionUserIds: string[];
}

function userNameOrNull(snapshot: Snapshot, userId: string | null): string | null {
  return userId === null ? null : (snapshot.users[userId]?.name ?? null);
}

// Fallbacks are words, not blanks, so a sentence like "{{previous_assignee.name}} did not reply"
// still reads correctly when the value is missing.
export function resolveVariable(name: string, snapshot: Snapshot, state: RunState): string | null {
  const conv = snapshot.conversation;
  switch (name as CommentVariable) {
    case 'contact.name':
      return snapshot.contact.name ?? 'Unknown contact';
    case 'assignee.name':
      return userNameOrNull(snapshot, conv.assigneeId) ?? 'Unassigned';
    case 'previous_assignee.name':
      return userNameOrNull(snapshot, state.previousAssigneeId) ?? 'Nobody';
    case 'workflow.name':
      return snapshot.workflow.name;
    case 'team.name':
      return conv.teamId === null ? 'No team' : (snapshot.teams[conv.teamId]?.name ?? 'Unknown team');
    default:
      // An HTTP request step's variables; empty until that step has answered on this run.
      return name.startsWith('http.') ? (state.vars?.[name] ?? '') : null;
  }
}

export function resolveMentions(config: CommentConfig, snapshot: Snapshot): string[] {
  const ids: string[] = [];
  for (const m of config.mentions) {
    const id = m.type === 'user' ? m.userId : snapshot.conversation.assigneeId;
    // Unknown users (deleted since publishing) are dropped rather than producing a dangling mention.
    if (id !== null && snapshot.users[id] && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

export function renderComment(config: CommentConfig, snapshot: Snapshot, state: RunState): RenderedComment {
  const body = replaceVariables(config.text, (name) => resolveVariable(name, snapshot, state));
  const mentionUserIds = resolveMentions(config, snapshot);
  const missing = mentionUserIds
    .map((id) => `@${snapshot.users[id]?.name ?? id}`)
    .filter((tag) => !body.includes(tag));
  return { text: missing.length ? `${missing.join(' ')} ${body}` : body, mentionUserIds };
}
