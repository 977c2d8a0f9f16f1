import type { Metadata } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: 'Baton',
  description: 'Routes customer conversations to the right agent, and hands them on in time.',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
