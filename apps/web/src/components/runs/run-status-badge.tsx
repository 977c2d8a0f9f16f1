import { Badge } from '@/components/ui/badge';

const tone = {
  running: 'brand',
  waiting: 'amber',
  completed: 'green',
  failed: 'red',
  cancelled: 'slate',
} as const;

export function RunStatusBadge({ status }: { status: keyof typeof tone }) {
  return <Badge tone={tone[status]}>{status}</Badge>;
}
