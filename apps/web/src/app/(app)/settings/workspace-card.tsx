'use client';

import { Card, CardHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { renameWorkspaceAction } from './actions';

export function WorkspaceCard({ name, canManage }: { name: string; canManage: boolean }) {
  const form = useActionForm(renameWorkspaceAction);
  return (
    <Card>
      <CardHeader title="Workspace" description={canManage ? 'The name your team sees in the workspace switcher.' : 'Only admins can change workspace settings.'} />
      <form onSubmit={form.onSubmit} noValidate className="flex flex-wrap items-start gap-3 px-5 py-4">
        <TextField
          label="Workspace name"
          name="name"
          defaultValue={name}
          disabled={!canManage}
          error={form.fieldErrors.name}
          className="max-w-sm flex-1"
        />
        {canManage ? (
          <Button type="submit" pending={form.pending} className="mt-7">
            Save
          </Button>
        ) : null}
      </form>
      {form.result?.ok ? (
        <div className="px-5 pb-4">
          <Alert tone="success">Saved.</Alert>
        </div>
      ) : form.error && !form.fieldErrors.name ? (
        <div className="px-5 pb-4">
          <Alert>{form.error}</Alert>
        </div>
      ) : null}
    </Card>
  );
}
