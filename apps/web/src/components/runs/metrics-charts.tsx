'use client';

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard, chartColors } from '@/components/charts/chart-card';
import type { AgentMetrics, DailyMetrics } from '@baton/db';
import { formatMs } from './format-metric';

const minutes = (ms: number | null) => (ms === null ? null : Math.round((ms / 60_000) * 10) / 10);

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
          <Bar isAnimationActive={false} dataKey="opened" name="Opened" fill={chartColors.primary} />
          <Bar isAnimationActive={false} dataKey="assignments" name="Assignments" fill={chartColors.muted} />
          <Bar isAnimationActive={false} dataKey="reassignments" name="Reassignments" fill={chartColors.warning} />
        </BarChart>
      </ChartCard>
      <ChartCard title="First response time per day (minutes)">
        <LineChart data={data}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" fontSize={11} />
          <YAxis fontSize={11} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? formatMs(v * 60_000) : String(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line isAnimationActive={false} type="monotone" dataKey="median" name="Median" stroke={chartColors.primary} connectNulls dot />
          <Line isAnimationActive={false} type="monotone" dataKey="p90" name="p90" stroke={chartColors.bad} connectNulls dot />
        </LineChart>
      </ChartCard>
      <ChartCard title="Share of opened conversations reassigned (%)">
        <LineChart data={data}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" fontSize={11} />
          <YAxis fontSize={11} domain={[0, 100]} />
          <Tooltip />
          <Line isAnimationActive={false} type="monotone" dataKey="reassignedPct" name="Reassigned %" stroke={chartColors.warning} connectNulls dot />
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
          <Bar isAnimationActive={false} dataKey="open" name="Open now" fill={chartColors.primary} />
          <Bar isAnimationActive={false} dataKey="assignments" name="Assignments" fill={chartColors.muted} />
        </BarChart>
      </ChartCard>
      <ChartCard title="Reassignments per agent">
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar isAnimationActive={false} dataKey="away" name="Taken from them" fill={chartColors.warning} />
          <Bar isAnimationActive={false} dataKey="to" name="Given to them" fill={chartColors.good} />
        </BarChart>
      </ChartCard>
    </div>
  );
}
