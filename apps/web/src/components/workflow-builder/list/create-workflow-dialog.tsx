'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { workflowTemplates } from '@baton/engine';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { createWorkflowAction } from '@/server/workflows/manage-workflows';
import { Dialog } from '../ui-dialog';

type Team = { id: string; name: string };

export function CreateWorkflowDialog({ open, onClose, teams, initialTemplate }: { open: boolean; onClose: () => void; teams: Team[]; initialTemplate?: string }) {
  const router = useRouter();
  const [templateId, setTemplateId] = useState(initialTemplate ?? '');
  const [name, setName] = useState('');
  const [firstTeamId, setFirst] = useState(teams[0]?.id ?? '');
  const [secondTeamId, setSecond] = useState(teams[1]?.id ?? teams[0]?.id ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const template = workflowTemplates.find((t) => t.id === templateId);
  const teamOptions = [{ value: '', label: 'Choose a team…' }, ...teams.map((t) => ({ value: t.id, label: t.name }))];

  function submit() {
    start(async () => {
      const r = await createWorkflowAction({
        name: name.trim() || template?.name || '',
        ...(templateId ? { templateId, firstTeamId, secondTeamId } : {}),
      });
      if (!r.ok) {
        setError(r.error);
        setErrors(r.fieldErrors ?? {});
        return;
      }
      router.push(`/workflows/${r.data.id}`);
    });
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="New workflow"
      wide
      testId="create-workflow-dialog"
      footer={
        <>
          <Button variant="secondary" type="button" onClick={onClose}>
            Cancel
          </Button>
          <Button type="button" onClick={submit} pending={pending} data-testid="create-workflow-submit">
            Create workflow
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-700">Start from</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {[{ id: '', name: 'Blank workflow', description: 'Just a trigger. Drag steps from the palette.' }, ...workflowTemplates].map((t) => (
              <label
                key={t.id || 'blank'}
                data-testid={`template-${t.id || 'blank'}`}
                className={`cursor-pointer rounded-lg border p-3 transition has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-600 ${
                  templateId === t.id ? 'border-brand-600 bg-brand-50 ring-1 ring-brand-600' : 'border-slate-200 hover:border-slate-300'
                }`}
              >
                <input type="radio" name="template" className="sr-only" checked={templateId === t.id} onChange={() => setTemplateId(t.id)} />
                <span className="block font-medium text-slate-900">{t.name}</span>
                <span className="mt-0.5 block text-xs text-slate-600">{t.description}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <TextField
          label="Name"
          name="name"
          value={name}
          placeholder={template?.name ?? 'e.g. Sales inbox routing'}
          onChange={(e) => setName(e.target.value)}
          error={errors.name}
          data-testid="create-workflow-name"
          data-autofocus
        />
        {template ? (
          teams.length === 0 ? (
            <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-800">This template assigns to a team. Create a team under Team first.</p>
          ) : (
            <div className="grid gap-3 sm:grid-cols-2">
              <SelectField
                label={template.id === 'reassign-if-no-reply' ? 'First team' : 'Team'}
                name="firstTeamId"
                value={firstTeamId}
                onChange={(e) => setFirst(e.target.value)}
                options={teamOptions}
                error={errors.firstTeamId}
              />
              {template.id === 'reassign-if-no-reply' ? (
                <SelectField
                  label="If nobody replies, reassign to"
                  name="secondTeamId"
                  value={secondTeamId}
                  onChange={(e) => setSecond(e.target.value)}
                  options={teamOptions}
                  error={errors.secondTeamId}
                />
              ) : null}
            </div>
          )
        ) : null}
        {error && Object.keys(errors).length === 0 ? <p className="text-sm text-red-600">{error}</p> : null}
      </div>
    </Dialog>
  );
}
