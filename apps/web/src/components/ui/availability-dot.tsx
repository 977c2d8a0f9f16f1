const colors = { online: 'bg-emerald-500', away: 'bg-amber-400', offline: 'bg-slate-300' } as const;

export function AvailabilityDot({ availability }: { availability: keyof typeof colors }) {
  return <span aria-hidden className={`inline-block size-2 shrink-0 rounded-full ${colors[availability]}`} />;
}

export const availabilityLabel = { online: 'Online', away: 'Away', offline: 'Offline' } as const;
