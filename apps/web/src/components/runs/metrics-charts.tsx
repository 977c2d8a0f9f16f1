'use client';

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AgentMetrics, DailyMetrics } from '@baton/db';
import { formatMs } from './format-metric';

const minutes = (ms: number | null) => (ms === null ? null : Math.round((ms / 60_000) * 10) / 10);

function ChartCard({ title, children }: { title: string; children: React.ReactElement }) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption className="mb-2 text-sm font-medium text-slate-700">{title}</figcaption>
      <div className="h-56">
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

export function DailyCharts({ daily }: { daily: DailyMetrics[] }) {
  const data = daily.map((d) => ({
    day: d.day.slice(5),
    opened: d.opened,
    reassignments: d.reassignments,
    assignments: d.assignments,
    median: minutes(d.firstResponseMedianMs),
    p90: minutes(d.firstResponseP90Ms),
    reassignedPct: d.reassignedShare === null ? null : Math.round(d.reassignedShare * 1000) / 10,
  }));
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <ChartCard title="Conversations opened, assignments and reassignments per day">
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar isAnimationActive={false} dataKey="opened" name="Opened" fill="#3b55d9" />
          <Bar isAnimationActive={false} dataKey="assignments" name="Assignments" fill="#94a3b8" />
          <Bar isAnimationActive={false} dataKey="reassignments" name="Reassignments" fill="#f59e0b" />
        </BarChart>
      </ChartCard>
      <ChartCard title="First response time per day (minutes)">
        <LineChart data={data}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" fontSize={11} />
          <YAxis fontSize={11} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? formatMs(v * 60_000) : String(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line isAnimationActive={false} type="monotone" dataKey="median" name="Median" stroke="#3b55d9" connectNulls dot />
          <Line isAnimationActive={false} type="monotone" dataKey="p90" name="p90" stroke="#ef4444" connectNulls dot />
        </LineChart>
      </ChartCard>
      <ChartCard title="Share of opened conversations reassigned (%)">
        <LineChart data={data}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" fontSize={11} />
          <YAxis fontSize={11} domain={[0, 100]} />
          <Tooltip />
          <Line isAnimationActive={false} type="monotone" dataKey="reassignedPct" name="Reassigned %" stroke="#f59e0b" connectNulls dot />
        </LineChart>
      </ChartCard>
    </div>
  );
}

export function AgentCharts({ agents }: { agents: AgentMetrics[] }) {
  const data = agents.map((a) => ({ name: a.name, open: a.openNow, assignments: a.assignments, away: a.reassignedAway, to: a.reassignedTo }));
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <ChartCard title="Load per agent: open now and assignments in the period">
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar isAnimationActive={false} dataKey="open" name="Open now" fill="#3b55d9" />
          <Bar isAnimationActive={false} dataKey="assignments" name="Assignments" fill="#94a3b8" />
        </BarChart>
      </ChartCard>
      <ChartCard title="Reassignments per agent">
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar isAnimationActive={false} dataKey="away" name="Taken from them" fill="#f59e0b" />
          <Bar isAnimationActive={false} dataKey="to" name="Given to them" fill="#10b981" />
        </BarChart>
      </ChartCard>
    </div>
  );
}
