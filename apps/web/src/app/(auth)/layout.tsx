import { Logo } from '@/components/shell/logo';

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-full flex-col items-center justify-center bg-gradient-to-b from-slate-50 to-slate-100 px-4 py-12">
      <Logo className="mb-8 text-lg" />
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-7 shadow-sm">{children}</div>
      <p className="mt-8 text-xs text-slate-500">Conversations routed to the right agent, and handed on in time.</p>
    </main>
  );
}
