'use client';

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard, chartColors, chartPalette } from '@/components/charts/chart-card';
import type { SlaAttainmentRow } from '@baton/db';

const pct = (met: number, breached: number) => (met + breached === 0 ? null : Math.round((met / (met + breached)) * 1000) / 10);

/** Attainment (met ÷ decided clocks) per day, one line per team; met and breached per agent over the period. */
export function SlaCharts({ rows }: { rows: SlaAttainmentRow[] }) {
  const teams = [...new Set(rows.filter((r) => r.dimension === 'team').map((r) => r.name))];
  const days = [...new Set(rows.map((r) => r.day))].sort();
  const daily = days.map((day) => {
    const point: Record<string, string | number | null> = { day: day.slice(5) };
    for (const team of teams) {
      const r = rows.find((x) => x.dimension === 'team' && x.day === day && x.name === team);
      point[team] = r ? pct(r.met, r.breached) : null;
    }
    return point;
  });
  const agents = new Map<string, { name: string; met: number; breached: number }>();
  for (const r of rows.filter((x) => x.dimension === 'agent')) {
    const a = agents.get(r.name) ?? { name: r.name, met: 0, breached: 0 };
    a.met += r.met;
    a.breached += r.breached;
    agents.set(r.name, a);
  }
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <ChartCard title="SLA attainment per team per day (%)">
        <LineChart data={daily}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" fontSize={11} />
          <YAxis fontSize={11} domain={[0, 100]} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {teams.map((team, i) => (
            <Line key={team} isAnimationActive={false} type="monotone" dataKey={team} name={team} stroke={chartPalette[i % chartPalette.length]} connectNulls dot />
          ))}
        </LineChart>
      </ChartCard>
      <ChartCard title="SLA targets met and breached per agent">
        <BarChart data={[...agents.values()]}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar isAnimationActive={false} dataKey="met" name="Met" fill={chartColors.good} />
          <Bar isAnimationActive={false} dataKey="breached" name="Breached" fill={chartColors.bad} />
        </BarChart>
      </ChartCard>
    </div>
  );
}
