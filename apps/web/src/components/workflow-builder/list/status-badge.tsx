import { Badge } from '@/components/ui/badge';

export type WorkflowStatus = 'draft' | 'published' | 'stopped';

export function StatusBadge({ status }: { status: WorkflowStatus }) {
  const tone = status === 'published' ? 'green' : status === 'stopped' ? 'amber' : 'slate';
  const label = status === 'published' ? 'Published' : status === 'stopped' ? 'Stopped' : 'Draft';
  return (
    <span data-testid="workflow-status">
      <Badge tone={tone}>{label}</Badge>
    </span>
  );
}
