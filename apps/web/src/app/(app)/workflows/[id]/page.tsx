import { notFound } from 'next/navigation';
import { can, DomainError, getWorkflow, loadCatalog } from '@baton/db';
import { getMemberAccess } from '@/server/auth';
import { NoAccess } from '@/components/shell/no-access';
import { WorkflowEditor } from '@/components/workflow-builder/workflow-editor';

export default async function WorkflowEditorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { member, allowed } = await getMemberAccess('workflows.view');
  if (!allowed) return <NoAccess what="workflows" />;
  const workflow = await getWorkflow(member.tenant, id).catch((e: unknown) => {
    // A malformed or foreign id is simply not found in this workspace.
    if (e instanceof DomainError || (e instanceof Error && /uuid/i.test(e.message))) return null;
    throw e;
  });
  if (!workflow) notFound();
  const catalog = await loadCatalog(member.tenant);
  return (
    <WorkflowEditor
      canEdit={can(member.membership.role, 'workflows.manage')}
      catalog={catalog}
      workflow={{
        id: workflow.id,
        name: workflow.name,
        status: workflow.status,
        definition: workflow.draftDefinition,
        versions: workflow.versions.map((v) => ({
          id: v.id,
          version: v.version,
          publishedAt: new Date(v.publishedAt).toISOString(),
          publishedByName: v.publishedByName,
        })),
      }}
    />
  );
}
