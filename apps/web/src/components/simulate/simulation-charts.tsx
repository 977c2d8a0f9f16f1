'use client';

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { VersionSimulation } from '@baton/engine';
import { ChartCard, chartColors } from '@/components/charts/chart-card';

type Series = { dataKey: string; name: string; fill: string };

/** One bar chart of the comparison: a bar per series (a version's measure) at each x. */
function VersionBarChart({ title, testId, data, xKey, series }: { title: string; testId: string; data: object[]; xKey: string; series: Series[] }) {
  return (
    <ChartCard title={title} testId={testId}>
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey={xKey} fontSize={11} />
        <YAxis allowDecimals={false} fontSize={11} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s) => (
          <Bar key={s.dataKey} isAnimationActive={false} dataKey={s.dataKey} name={s.name} fill={s.fill} />
        ))}
      </BarChart>
    </ChartCard>
  );
}

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
  // The published bar first, muted; the draft's in colour. A version not simulated has no bar.
  const pair = (publishedKey: string, draftKey: string, draftFill: string): Series[] => [
    ...(published ? [{ dataKey: publishedKey, name: 'Published', fill: chartColors.muted }] : []),
    ...(draft ? [{ dataKey: draftKey, name: 'Draft', fill: draftFill }] : []),
  ];
  return (
    <div className="grid gap-4 md:grid-cols-2" data-testid="simulation-charts">
      <VersionBarChart title="Queued, by hour of day" testId="chart-queued-by-hour" data={hours} xKey="hour" series={pair('publishedQueued', 'draftQueued', chartColors.primary)} />
      <VersionBarChart title="No one available, by hour of day" testId="chart-no-one-by-hour" data={hours} xKey="hour" series={pair('publishedNoOne', 'draftNoOne', chartColors.bad)} />
      <VersionBarChart title="Assignments per agent" testId="chart-assignments-per-agent" data={agents} xKey="name" series={pair('published', 'draft', chartColors.primary)} />
    </div>
  );
}
