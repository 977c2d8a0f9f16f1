import type { CannedReplyOption } from './inbox-types';

/**
 * The `/word` being typed just before the caret, at the start of the text or after a space or
 * line break (so "and/or" or a URL never opens the list), if any.
 */
export function cannedReplyQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)\/([\p{L}\p{N}_-]{0,40})$/u.exec(text.slice(0, caret));
  return match ? { start: caret - match[2]!.length - 1, query: match[2]!.toLowerCase() } : null;
}

/** Shortcuts starting with the query first, then names or shortcuts containing it. */
export function matchingCannedReplies(replies: CannedReplyOption[], query: string, max = 8): CannedReplyOption[] {
  const starts = replies.filter((r) => r.shortcut.startsWith(query));
  const contains = replies.filter((r) => !starts.includes(r) && (r.shortcut.includes(query) || r.name.toLowerCase().includes(query)));
  return [...starts, ...contains].slice(0, max);
}
