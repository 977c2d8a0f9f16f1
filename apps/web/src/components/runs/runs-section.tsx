import type { ReactNode } from 'react';
import { PageHeader } from '@/components/shell/page-header';
import { NoAccess } from '@/components/shell/no-access';
import { AutoRefresh } from './auto-refresh';
import { RunsTabs } from './runs-tabs';

/**
 * A page of the Runs area: its header (refreshing itself when `live`), then either the tabs and
 * the content, or — for someone without access — what they cannot see.
 */
export function RunsSection(props: { title: string; description: ReactNode; live?: boolean; noAccess?: string; children?: ReactNode }) {
  const denied = props.noAccess !== undefined;
  return (
    <>
      <PageHeader title={props.title} description={props.description} actions={props.live && !denied ? <AutoRefresh /> : null} />
      {denied ? (
        <NoAccess what={props.noAccess!} />
      ) : (
        <>
          <RunsTabs />
          {props.children}
        </>
      )}
    </>
  );
}
