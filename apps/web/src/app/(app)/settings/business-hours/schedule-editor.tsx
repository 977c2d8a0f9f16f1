'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { officeHours, weekdayLabels, weekdays, type WeeklyHours } from '@baton/engine';
import { Card, CardHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { deleteScheduleAction, saveScheduleAction } from './actions';

type HolidayRow = { name: string; from: string; to: string; yearly: boolean };
export type EditableSchedule = { timeZone: string | null; weekly: WeeklyHours; holidays: HolidayRow[] };
type Target = { teamId: string | null; name: string; schedule: EditableSchedule | null };

const input =
  'block w-full rounded-md border-0 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset focus:ring-2 focus:ring-inset focus:outline-none';
const ring = (error?: string) => (error ? 'ring-red-300 focus:ring-red-500' : 'ring-slate-300 focus:ring-brand-600');

function Err({ error, testId }: { error?: string; testId?: string }) {
  return error ? (
    <p className="mt-1 text-xs text-red-600" data-testid={testId}>
      {error}
    </p>
  ) : null;
}

function fresh(workspaceZone: string): EditableSchedule {
  const s = officeHours(workspaceZone);
  return { timeZone: null, weekly: s.weekly, holidays: [] };
}

/** The week grid (several intervals a day) and the holiday list of one schedule at a time. */
export function ScheduleEditor({ workspaceZone, targets }: { workspaceZone: string; targets: Target[] }) {
  const router = useRouter();
  const [index, setIndex] = useState(0);
  const target = targets[index] ?? targets[0]!;
  const [draft, setDraft] = useState<EditableSchedule>(target.schedule ?? fresh(workspaceZone));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [pending, start] = useTransition();

  const choose = (i: number) => {
    setIndex(i);
    setDraft(targets[i]?.schedule ?? fresh(workspaceZone));
    setErrors({});
    setMessage(null);
  };
  const setDay = (day: keyof WeeklyHours, intervals: WeeklyHours[keyof WeeklyHours]) => setDraft({ ...draft, weekly: { ...draft.weekly, [day]: intervals } });
  const setHoliday = (i: number, patch: Partial<HolidayRow>) => setDraft({ ...draft, holidays: draft.holidays.map((h, j) => (j === i ? { ...h, ...patch } : h)) });

  const save = () =>
    start(async () => {
      const r = await saveScheduleAction({
        teamId: target.teamId,
        timeZone: draft.timeZone,
        weekly: draft.weekly,
        holidays: draft.holidays.map((h) => ({ name: h.name, from: h.from, ...(h.to ? { to: h.to } : {}), yearly: h.yearly })),
      });
      if (r.ok) {
        setErrors({});
        setMessage({ tone: 'success', text: `Saved ${target.name}'s hours.` });
        router.refresh();
      } else {
        setErrors(r.fieldErrors ?? {});
        setMessage({ tone: 'error', text: r.error });
      }
    });
  const remove = () =>
    start(async () => {
      const r = await deleteScheduleAction(target.teamId);
      if (r.ok) {
        setMessage({ tone: 'success', text: target.teamId ? `${target.name} now uses the workspace's hours.` : 'The workspace has no default hours: every hour counts as open.' });
        router.refresh();
      } else setMessage({ tone: 'error', text: r.error });
    });

  return (
    <Card>
      <CardHeader
        title="Opening hours"
        description="Several intervals a day for split shifts. Holidays close whole days in the schedule's zone."
        actions={
          <select aria-label="Schedule for" data-testid="schedule-target" value={index} onChange={(e) => choose(Number(e.target.value))} className={`${input} ${ring()} w-56`}>
            {targets.map((t, i) => (
              <option key={t.teamId ?? 'workspace'} value={i}>
                {t.name}
                {t.schedule ? '' : t.teamId ? ' (uses workspace hours)' : ' (not set: always open)'}
              </option>
            ))}
          </select>
        }
      />
      <div className="space-y-6 px-5 py-4">
        {!target.schedule ? (
          <p className="text-sm text-slate-600" data-testid="schedule-not-set">
            {target.teamId ? `${target.name} has no hours of its own and uses the workspace's.` : 'No default hours yet: until you save some, every hour counts as open.'} Below is a starting point; nothing
            applies until you save.
          </p>
        ) : null}
        <div className="max-w-sm">
          <label className="block text-xs font-medium text-slate-700" htmlFor="schedule-zone">
            Time zone of these hours
          </label>
          <input
            id="schedule-zone"
            data-testid="schedule-zone"
            list="time-zone-names"
            placeholder={`Workspace's (${workspaceZone})`}
            value={draft.timeZone ?? ''}
            onChange={(e) => setDraft({ ...draft, timeZone: e.target.value.trim() === '' ? null : e.target.value })}
            className={`mt-1 ${input} ${ring(errors.timeZone)}`}
          />
          <Err error={errors.timeZone} testId="error-schedule-zone" />
        </div>

        <table className="w-full text-sm" data-testid="week-grid">
          <tbody className="divide-y divide-slate-100">
            {weekdays.map((day) => {
              const intervals = draft.weekly[day];
              return (
                <tr key={day} data-testid={`day-${day}`}>
                  <th scope="row" className="w-32 py-2 pr-3 text-left align-top font-medium text-slate-700">
                    {weekdayLabels[day]}
                  </th>
                  <td className="py-2">
                    <div className="flex flex-wrap items-start gap-3">
                      {intervals.length === 0 ? <span className="py-1.5 text-slate-500">Closed</span> : null}
                      {intervals.map((iv, i) => {
                        const base = `weekly.${day}.${i}`;
                        return (
                          <div key={i} className="flex items-start gap-1">
                            <div>
                              <input
                                aria-label={`${weekdayLabels[day]} interval ${i + 1} opens`}
                                data-testid={`day-${day}-${i}-start`}
                                value={iv.start}
                                placeholder="09:00"
                                onChange={(e) => setDay(day, intervals.map((x, j) => (j === i ? { ...x, start: e.target.value } : x)))}
                                className={`${input} ${ring(errors[`${base}.start`])} w-20`}
                              />
                              <Err error={errors[`${base}.start`]} testId={`error-day-${day}-${i}-start`} />
                            </div>
                            <span className="py-1.5 text-slate-500">–</span>
                            <div>
                              <input
                                aria-label={`${weekdayLabels[day]} interval ${i + 1} closes`}
                                data-testid={`day-${day}-${i}-end`}
                                value={iv.end}
                                placeholder="17:00"
                                onChange={(e) => setDay(day, intervals.map((x, j) => (j === i ? { ...x, end: e.target.value } : x)))}
                                className={`${input} ${ring(errors[`${base}.end`])} w-20`}
                              />
                              <Err error={errors[`${base}.end`]} testId={`error-day-${day}-${i}-end`} />
                            </div>
                            <button
                              type="button"
                              aria-label={`Remove ${weekdayLabels[day]} interval ${i + 1}`}
                              onClick={() => setDay(day, intervals.filter((_, j) => j !== i))}
                              className="px-1 py-1.5 text-slate-500 hover:text-red-600"
                            >
                              ×
                            </button>
                          </div>
                        );
                      })}
                      <button
                        type="button"
                        data-testid={`day-${day}-add`}
                        disabled={intervals.length >= 6}
                        onClick={() => setDay(day, [...intervals, intervals.length ? { start: '13:00', end: '17:00' } : { start: '09:00', end: '17:00' }])}
                        className="py-1.5 text-xs font-medium text-brand-700 hover:text-brand-900 disabled:text-slate-500"
                      >
                        + Interval
                      </button>
                    </div>
                    <Err error={errors[`weekly.${day}`]} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>

        <div>
          <h3 className="text-sm font-semibold text-slate-900">Holidays</h3>
          <p className="mt-0.5 text-xs text-slate-500">A single day, a range (first and last day), or the same days every year.</p>
          <ul className="mt-2 space-y-2" data-testid="holiday-list">
            {draft.holidays.map((h, i) => (
              <li key={i} className="flex flex-wrap items-start gap-2" data-testid={`holiday-${i}`}>
                <div>
                  <input aria-label={`Holiday ${i + 1} name`} data-testid={`holiday-${i}-name`} value={h.name} placeholder="Christmas" onChange={(e) => setHoliday(i, { name: e.target.value })} className={`${input} ${ring(errors[`holidays.${i}.name`])} w-44`} />
                  <Err error={errors[`holidays.${i}.name`]} testId={`error-holiday-${i}-name`} />
                </div>
                <div>
                  <input aria-label={`Holiday ${i + 1} first day`} data-testid={`holiday-${i}-from`} value={h.from} placeholder="2026-12-25" onChange={(e) => setHoliday(i, { from: e.target.value })} className={`${input} ${ring(errors[`holidays.${i}.from`])} w-32`} />
                  <Err error={errors[`holidays.${i}.from`]} testId={`error-holiday-${i}-from`} />
                </div>
                <div>
                  <input aria-label={`Holiday ${i + 1} last day`} data-testid={`holiday-${i}-to`} value={h.to} placeholder="(one day)" onChange={(e) => setHoliday(i, { to: e.target.value })} className={`${input} ${ring(errors[`holidays.${i}.to`])} w-32`} />
                  <Err error={errors[`holidays.${i}.to`]} testId={`error-holiday-${i}-to`} />
                </div>
                <label className="flex items-center gap-1.5 py-1.5 text-sm text-slate-700">
                  <input type="checkbox" data-testid={`holiday-${i}-yearly`} checked={h.yearly} onChange={(e) => setHoliday(i, { yearly: e.target.checked })} className="size-4 rounded border-slate-300" />
                  Every year
                </label>
                <button type="button" aria-label={`Remove holiday ${i + 1}`} onClick={() => setDraft({ ...draft, holidays: draft.holidays.filter((_, j) => j !== i) })} className="px-1 py-1.5 text-slate-500 hover:text-red-600">
                  ×
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            data-testid="holiday-add"
            onClick={() => setDraft({ ...draft, holidays: [...draft.holidays, { name: '', from: '', to: '', yearly: false }] })}
            className="mt-2 text-xs font-medium text-brand-700 hover:text-brand-900"
          >
            + Holiday
          </button>
          <Err error={errors.holidays} />
        </div>

        {message ? (
          <div data-testid="schedule-message">
            <Alert tone={message.tone}>{message.text}</Alert>
          </div>
        ) : null}
        <div className="flex gap-3">
          <Button type="button" onClick={save} pending={pending} data-testid="schedule-save">
            Save {target.name.toLowerCase() === 'workspace default' ? 'default hours' : `${target.name}'s hours`}
          </Button>
          {target.schedule ? (
            <Button type="button" variant="secondary" onClick={remove} disabled={pending} data-testid="schedule-delete">
              {target.teamId ? "Use the workspace's hours" : 'Remove default hours'}
            </Button>
          ) : null}
        </div>
      </div>
    </Card>
  );
}
