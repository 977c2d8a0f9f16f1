import { listWorkflows, loadCatalog } from '@baton/db';
import { can } from '@baton/db';
import { getMemberAccess } from '@/server/auth';
import { PageHeader } from '@/components/shell/page-header';
import { NoAccess } from '@/components/shell/no-access';
import { WorkflowList } from '@/components/workflow-builder/list/workflow-list';

export default async function WorkflowsPage() {
  const { member, allowed } = await getMemberAccess('workflows.view');
  const header = <PageHeader title="Workflows" description="Decide who gets each conversation, and what happens when nobody answers." />;
  if (!allowed) {
    return (
      <>
        {header}
        <NoAccess what="workflows" />
      </>
    );
  }
  const [rows, catalog] = [await listWorkflows(member.tenant), await loadCatalog(member.tenant)];
  return (
    <>
      {header}
      <WorkflowList
        canManage={can(member.membership.role, 'workflows.manage')}
        teams={catalog.teams.map((t) => ({ id: t.id, name: t.name }))}
        workflows={rows.map((r) => ({
          id: r.id,
          name: r.name,
          description: r.description,
          status: r.status,
          triggerEvent: r.triggerEvent,
          lastPublishedAt: r.lastPublishedAt ? new Date(r.lastPublishedAt).toISOString() : null,
          updatedAt: new Date(r.updatedAt).toISOString(),
          runsLast24h: Number(r.runsLast24h),
        }))}
      />
    </>
  );
}
