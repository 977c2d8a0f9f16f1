// Availability is shown by shape as well as colour: filled (online), half filled (away),
// hollow (offline). Where no label is written next to it, pass `labelled` so the dot says it.
const shapes = {
  online: 'bg-emerald-500',
  away: 'border border-amber-600 bg-[linear-gradient(90deg,var(--color-amber-500)_50%,transparent_50%)]',
  offline: 'border-[1.5px] border-slate-500 bg-white',
} as const;

export const availabilityLabel = { online: 'Online', away: 'Away', offline: 'Offline' } as const;

export function AvailabilityDot({ availability, labelled = false }: { availability: keyof typeof shapes; labelled?: boolean }) {
  return (
    <span
      {...(labelled ? { role: 'img', 'aria-label': availabilityLabel[availability], title: availabilityLabel[availability] } : { 'aria-hidden': true })}
      data-availability={availability}
      className={`inline-block size-2 shrink-0 rounded-full ${shapes[availability]}`}
    />
  );
}
