import { ensureExecutable } from './system-packages.mjs';

export function ensureChromium() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return ensureExecutable({
    names: ['chromium', '/usr/bin/chromium', 'chromium-browser'],
    aptPackage: 'chromium',
    why: 'end-to-end tests',
    otherwise: 'or set CHROMIUM_PATH to a Chromium or Chrome binary',
  });
}
