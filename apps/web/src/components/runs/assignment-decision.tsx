import type { AssignmentDecision } from '@baton/engine';

const REASONS: Record<string, string> = {
  not_in_pool: 'not in the pool',
  offline: 'offline',
  away: 'away',
  at_capacity: 'at capacity',
  already_tried: 'already tried earlier in this run',
  current_assignee: 'already the assignee',
};

const AVAILABILITY_DOT: Record<string, string> = { online: 'bg-emerald-500', away: 'bg-amber-400', offline: 'bg-slate-300' };

/**
 * An assignment decision in plain language: who could have been picked, who was ruled out
 * and why, how a tie was broken, and who won. Names come from the decision itself (what the
 * engine saw then), ids the decision only names by id are resolved through `names`.
 */
export function AssignmentDecisionView({ decision, names }: { decision: AssignmentDecision; names: Record<string, string> }) {
  const name = (id: string | null) => (id ? (decision.candidates.find((c) => c.userId === id)?.name ?? names[id] ?? 'a former member') : 'nobody');
  const winner = decision.winnerUserId ? name(decision.winnerUserId) : null;
  const excluded = decision.candidates.filter((c) => !c.eligible);
  const eligible = decision.candidates.filter((c) => c.eligible);
  const logic = decision.logic === 'round_robin' ? 'round robin' : 'least open conversations';
  const target =
    decision.target.type === 'team'
      ? `team ${decision.poolLabel}`
      : decision.target.type === 'user'
        ? `${decision.poolLabel} directly`
        : decision.target.type === 'workspace'
          ? 'anyone in the workspace'
          : 'nobody (unassign)';

  return (
    <div className="space-y-2 text-sm" data-testid="assignment-decision">
      <p className="font-medium text-slate-900" data-testid="assignment-winner">
        {winner ? `Assigned to ${winner}.` : decision.target.type === 'unassign' ? 'Unassigned.' : 'No one was available.'}
      </p>
      {decision.target.type !== 'unassign' ? (
        <ul className="list-disc space-y-1 pl-5 text-slate-700">
          <li>
            Pool: {target}, {decision.candidates.length} {decision.candidates.length === 1 ? 'person' : 'people'}; picked by {logic}.
          </li>
          <li>
            {eligible.length ? `Eligible: ${eligible.map((c) => c.name).join(', ')}.` : 'Nobody was eligible.'}
            {excluded.length ? ` Excluded: ${excluded.map((c) => `${c.name} (${REASONS[c.excludedReason ?? ''] ?? c.excludedReason})`).join(', ')}.` : ' Nobody was excluded.'}
          </li>
          {decision.target.type !== 'user' ? <li>{tieBreakText(decision, name)}</li> : null}
          <li>Assignee before this step: {name(decision.previousAssigneeId)}.</li>
        </ul>
      ) : null}
      {decision.candidates.length ? (
        <table className="mt-1 w-full max-w-xl text-xs" aria-label="Candidates">
          <thead className="text-left text-slate-500">
            <tr>
              <th className="py-1 pr-2 font-medium">Candidate</th>
              <th className="py-1 pr-2 font-medium">Availability</th>
              <th className="py-1 pr-2 font-medium">Open</th>
              <th className="py-1 font-medium">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {decision.candidates.map((c) => (
              <tr key={c.userId} className={c.userId === decision.winnerUserId ? 'font-semibold text-emerald-800' : 'text-slate-700'}>
                <td className="py-0.5 pr-2">{c.name}</td>
                <td className="py-0.5 pr-2">
                  <span className={`mr-1 inline-block size-2 rounded-full ${AVAILABILITY_DOT[c.availability] ?? 'bg-slate-300'}`} />
                  {c.availability}
                </td>
                <td className="py-0.5 pr-2 tabular-nums">{c.openCount}</td>
                <td className="py-0.5">{c.userId === decision.winnerUserId ? 'winner' : c.eligible ? 'eligible' : `excluded: ${REASONS[c.excludedReason ?? ''] ?? c.excludedReason}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="text-xs text-slate-500">Engine: {decision.explanation}</p>
    </div>
  );
}

function tieBreakText(d: AssignmentDecision, name: (id: string | null) => string): string {
  const cursor = d.cursorBefore ? `the rotation last picked ${name(d.cursorBefore)}` : 'the rotation had not picked anyone yet';
  if (d.logic === 'least_open' && d.tieBreak) {
    if (d.tieBreak.minOpen === null) return 'Tie-break: no eligible candidates to compare.';
    const tied = d.tieBreak.tiedUserIds.map((id) => name(id));
    return tied.length > 1
      ? `Tie-break: ${tied.join(', ')} tied with ${d.tieBreak.minOpen} open; ${cursor}, so the next in rotation order (${d.tieBreak.order.map((id) => name(id)).join(' → ')}) won.`
      : `Tie-break: not needed — ${tied[0]} had the fewest open conversations (${d.tieBreak.minOpen}).`;
  }
  return `Tie-break: round robin — ${cursor}, so the next eligible person in rotation won.`;
}
