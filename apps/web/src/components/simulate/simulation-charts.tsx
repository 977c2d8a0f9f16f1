'use client';

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { VersionSimulation } from '@baton/engine';
import { ChartCard, chartColors } from '@/components/charts/chart-card';

const labelOf = { published: 'Published', draft: 'Draft' } as const;

/** Draft vs published: queued / no one available by hour of day, and assignments per agent. */
export function SimulationCharts({ versions, names }: { versions: VersionSimulation[]; names: Record<string, string> }) {
  const published = versions.find((v) => v.label === 'published');
  const draft = versions.find((v) => v.label === 'draft');
  const hours = Array.from({ length: 24 }, (_, h) => ({
    hour: String(h).padStart(2, '0'),
    publishedQueued: published?.queuedByHour[h] ?? 0,
    draftQueued: draft?.queuedByHour[h] ?? 0,
    publishedNoOne: published?.noOneAvailableByHour[h] ?? 0,
    draftNoOne: draft?.noOneAvailableByHour[h] ?? 0,
  }));
  const agentIds = [...new Set(versions.flatMap((v) => Object.keys(v.assignmentsPerAgent)))].sort((a, b) => (names[a] ?? a).localeCompare(names[b] ?? b));
  const agents = agentIds.map((id) => ({
    name: names[id] ?? 'Former member',
    published: published?.assignmentsPerAgent[id] ?? 0,
    draft: draft?.assignmentsPerAgent[id] ?? 0,
  }));
  return (
    <div className="grid gap-4 md:grid-cols-2" data-testid="simulation-charts">
      <ChartCard title="Queued, by hour of day" testId="chart-queued-by-hour">
        <BarChart data={hours}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="hour" fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {published ? <Bar isAnimationActive={false} dataKey="publishedQueued" name={labelOf.published} fill={chartColors.muted} /> : null}
          {draft ? <Bar isAnimationActive={false} dataKey="draftQueued" name={labelOf.draft} fill={chartColors.primary} /> : null}
        </BarChart>
      </ChartCard>
      <ChartCard title="No one available, by hour of day" testId="chart-no-one-by-hour">
        <BarChart data={hours}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="hour" fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {published ? <Bar isAnimationActive={false} dataKey="publishedNoOne" name={labelOf.published} fill={chartColors.muted} /> : null}
          {draft ? <Bar isAnimationActive={false} dataKey="draftNoOne" name={labelOf.draft} fill={chartColors.bad} /> : null}
        </BarChart>
      </ChartCard>
      <ChartCard title="Assignments per agent" testId="chart-assignments-per-agent">
        <BarChart data={agents}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {published ? <Bar isAnimationActive={false} dataKey="published" name={labelOf.published} fill={chartColors.muted} /> : null}
          {draft ? <Bar isAnimationActive={false} dataKey="draft" name={labelOf.draft} fill={chartColors.primary} /> : null}
        </BarChart>
      </ChartCard>
    </div>
  );
}
