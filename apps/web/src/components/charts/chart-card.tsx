'use client';

import { ResponsiveContainer } from 'recharts';

/**
 * The colours every chart uses (metrics, SLA attainment, simulation), by meaning first and
 * then as a series palette, so "published" and "draft", "met" and "breached" read the same
 * on every page.
 */
export const chartColors = {
  primary: '#3b55d9',
  muted: '#94a3b8',
  warning: '#f59e0b',
  good: '#10b981',
  bad: '#ef4444',
} as const;
export const chartPalette = ['#3b55d9', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#0ea5e9', '#64748b'] as const;

/** A titled chart whose plot fills a fixed-height box (recharts needs a sized parent). */
export function ChartCard({ title, children, testId }: { title: string; children: React.ReactElement; testId?: string }) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <figcaption className="mb-2 text-sm font-medium text-slate-700">{title}</figcaption>
      <div className="h-56">
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
