import type { Metadata } from 'next';
import { API_KEY_SCOPES, API_KEY_SCOPE_LABELS, can, listApiKeys } from '@baton/db';
import { requireMember } from '@/server/auth';
import Link from 'next/link';
import { PageHeader } from '@/components/shell/page-header';
import { WorkspaceCard } from './workspace-card';
import { ApiKeysCard } from './api-keys-card';

export const metadata: Metadata = { title: 'Settings · Baton' };

export default async function SettingsPage() {
  const m = await requireMember();
  const manageWorkspace = can(m.membership.role, 'workspace.manage');
  const manageKeys = can(m.membership.role, 'apiKeys.manage');
  const keys = manageKeys ? await listApiKeys(m.tenant) : [];
  return (
    <>
      <PageHeader title="Settings" description="Workspace details and integrations." />
      <div className="space-y-6">
        <WorkspaceCard name={m.workspace.name} canManage={manageWorkspace} />
        {manageKeys ? (
          <ApiKeysCard
            scopes={API_KEY_SCOPES.map((scope) => ({ scope, label: API_KEY_SCOPE_LABELS[scope] }))}
            keys={keys.map((k) => ({
              id: k.id,
              name: k.name,
              prefix: k.prefix,
              scopes: k.scopes,
              createdByName: k.createdByName,
              createdAt: k.createdAt.toISOString(),
              lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
              revokedAt: k.revokedAt?.toISOString() ?? null,
            }))}
          />
        ) : null}
        <Link
          href="/settings/business-hours"
          data-testid="settings-business-hours"
          className="flex items-center justify-between rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-sm hover:border-brand-200 hover:bg-brand-50/40"
        >
          <span>
            <span className="block text-base font-semibold text-slate-900">Business hours &amp; time zones</span>
            <span className="mt-0.5 block text-sm text-slate-500">Workspace time zone, opening hours per team with holidays, and your own display zone.</span>
          </span>
          <span aria-hidden className="text-slate-400">→</span>
        </Link>
        <Link
          href="/settings/sla"
          data-testid="settings-sla"
          className="flex items-center justify-between rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-sm hover:border-brand-200 hover:bg-brand-50/40"
        >
          <span>
            <span className="block text-base font-semibold text-slate-900">SLA policies</span>
            <span className="mt-0.5 block text-sm text-slate-500">First response, next response and resolution targets, in business or calendar time, with a warning before a breach.</span>
          </span>
          <span aria-hidden className="text-slate-500">→</span>
        </Link>
        {can(m.membership.role, 'channels.manage') ? (
          <Link
            href="/settings/channels"
            className="flex items-center justify-between rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-sm hover:border-brand-200 hover:bg-brand-50/40"
          >
            <span>
              <span className="block text-base font-semibold text-slate-900">Channels</span>
              <span className="mt-0.5 block text-sm text-slate-500">Connect messaging sources: ids, signing secrets, outbound URLs, test messages.</span>
            </span>
            <span aria-hidden className="text-slate-500">→</span>
          </Link>
        ) : null}
        {can(m.membership.role, 'secrets.manage') ? (
          <Link
            href="/settings/secrets"
            className="flex items-center justify-between rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-sm hover:border-brand-200 hover:bg-brand-50/40"
          >
            <span>
              <span className="block text-base font-semibold text-slate-900">Secrets</span>
              <span className="mt-0.5 block text-sm text-slate-500">API tokens for HTTP request steps, stored encrypted and never shown again.</span>
            </span>
            <span aria-hidden className="text-slate-400">→</span>
          </Link>
        ) : null}
        {can(m.membership.role, 'webhooks.manage') ? (
          <Link
            href="/settings/webhooks"
            className="flex items-center justify-between rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-sm hover:border-brand-200 hover:bg-brand-50/40"
          >
            <span>
              <span className="block text-base font-semibold text-slate-900">Event webhooks</span>
              <span className="mt-0.5 block text-sm text-slate-500">Send conversation, message and run events to other systems: subscriptions, signing secrets, delivery log.</span>
            </span>
            <span aria-hidden className="text-slate-400">→</span>
          </Link>
        ) : null}
        {can(m.membership.role, 'contacts.configure') ? (
          <Link
            href="/settings/contacts"
            data-testid="settings-contacts-link"
            className="flex items-center justify-between rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-sm hover:border-brand-200 hover:bg-brand-50/40"
          >
            <span>
              <span className="block text-base font-semibold text-slate-900">Contact fields & tags</span>
              <span className="mt-0.5 block text-sm text-slate-500">Fields and tags agents set on contacts, the API sends and workflows route on.</span>
            </span>
            <span aria-hidden className="text-slate-400">→</span>
          </Link>
        ) : null}
        {can(m.membership.role, 'contacts.configure') ? (
          <Link
            href="/settings/canned-replies"
            data-testid="settings-canned-replies-link"
            className="flex items-center justify-between rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-sm hover:border-brand-200 hover:bg-brand-50/40"
          >
            <span>
              <span className="block text-base font-semibold text-slate-900">Canned replies</span>
              <span className="mt-0.5 block text-sm text-slate-500">Snippets with variables agents insert in the reply box by typing /.</span>
            </span>
            <span aria-hidden className="text-slate-400">→</span>
          </Link>
        ) : null}
      </div>
    </>
  );
}
