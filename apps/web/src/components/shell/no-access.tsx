export function NoAccess({ what = 'this page' }: { what?: string }) {
  return (
    <div role="alert" className="rounded-lg border border-slate-200 bg-white px-6 py-14 text-center shadow-sm">
      <p className="text-base font-semibold text-slate-900">You don&apos;t have access</p>
      <p className="mt-1 text-sm text-slate-500">Your role in this workspace can&apos;t open {what}. Ask an admin if you need it.</p>
    </div>
  );
}
