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

export const triggerLabels: Record<string, string> = {
  'conversation.opened': 'Conversation opened',
  'conversation.closed': 'Conversation closed',
  'message.received': 'Message received',
  manual: 'Manual',
  'contact.tag_added': 'Tag added',
  'contact.field_changed': 'Contact field changed',
  'sla.warning': 'SLA warning',
  'sla.breached': 'SLA breached',
};
