'use client';

import { Card, CardHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { saveMyTimeZoneAction, saveWorkspaceTimeZoneAction } from './actions';

function zoneNames(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/** The workspace zone (admins) and the viewer's own display zone (everyone). */
export function TimeZoneCard({ workspaceZone, myZone }: { workspaceZone: string | null; myZone: string | null }) {
  const ws = useActionForm(saveWorkspaceTimeZoneAction);
  const mine = useActionForm(saveMyTimeZoneAction);
  return (
    <Card>
      <CardHeader title="Time zones" description="Schedules, Date & time steps and metrics days use the workspace zone. Your own zone only changes how times are shown to you." />
      <datalist id="time-zone-names">
        {zoneNames().map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      {workspaceZone !== null ? (
        <form onSubmit={ws.onSubmit} noValidate className="flex flex-wrap items-start gap-3 border-b border-slate-100 px-5 py-4" data-testid="workspace-zone-form">
          <TextField label="Workspace time zone" name="timeZone" list="time-zone-names" defaultValue={workspaceZone} error={ws.fieldErrors.timeZone} className="max-w-sm flex-1" data-testid="workspace-zone" />
          <Button type="submit" pending={ws.pending} className="mt-7">
            Save
          </Button>
          {ws.result?.ok ? <Alert tone="success">Workspace time zone saved.</Alert> : null}
        </form>
      ) : null}
      <form onSubmit={mine.onSubmit} noValidate className="flex flex-wrap items-start gap-3 px-5 py-4">
        <TextField
          label="Your time zone"
          name="timeZone"
          list="time-zone-names"
          defaultValue={myZone ?? ''}
          placeholder="Your browser's"
          hint="Leave empty to use your browser's zone."
          error={mine.fieldErrors.timeZone}
          className="max-w-sm flex-1"
          data-testid="my-zone"
        />
        <Button type="submit" variant="secondary" pending={mine.pending} className="mt-7">
          Save
        </Button>
        {mine.result?.ok ? <Alert tone="success">Your time zone saved.</Alert> : null}
      </form>
    </Card>
  );
}
