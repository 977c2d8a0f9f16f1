// Measurements for "nothing wraps, nothing is cut off" on a laptop-sized viewport.
import type { Page } from 'playwright-core';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const inside = (r: Rect, box: Rect, slack = 1) =>
  r.x >= box.x - slack && r.y >= box.y - slack && r.x + r.width <= box.x + box.width + slack && r.y + r.height <= box.y + box.height + slack;

export const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Controls under `scope` whose own text runs over more than one line. Text is measured with
 * a Range (one client rect per line box), so a tall button with one line of text passes and a
 * label broken in two does not. Controls built as several blocks on purpose (a name over an
 * email) are skipped: only inline text is judged.
 */
export function wrappedControls(page: Page, scope = 'body', controlSelector = 'button, [role="tab"], [role="button"], [role="status"]'): Promise<string[]> {
  return page.evaluate(([scopeSelector, selector]) => {
    const out: string[] = [];
    const root = document.querySelector(scopeSelector!);
    if (!root) return [`no element matches ${scopeSelector}`];
    const controls = root.querySelectorAll<HTMLElement>(selector!);
    for (const el of controls) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || !el.textContent?.trim()) continue;
      const blocks = [...el.querySelectorAll('*')].filter((c) => {
        const d = getComputedStyle(c).display;
        return (d === 'block' || d === 'flex' || d === 'grid' || d === '-webkit-box') && c.textContent?.trim();
      });
      if (blocks.length >= 2) continue;
      // Text only a screen reader gets (sr-only: a 1 px clipped box) is not laid out for the eye.
      const lines = new Set<number>();
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        if (!t.textContent?.trim() || (t.parentElement && t.parentElement.getBoundingClientRect().width <= 1)) continue;
        const range = document.createRange();
        range.selectNodeContents(t);
        for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) lines.add(Math.round(r.top + r.height / 2));
      }
      // Glyphs of one line (an icon beside text) can differ in height: merge tops within 6 px.
      const merged = [...lines].sort((a, b) => a - b).filter((y, i, all) => i === 0 || y - all[i - 1]! > 6);
      if (merged.length > 1) out.push(`"${el.textContent.trim().slice(0, 40)}" runs over ${merged.length} lines`);
    }
    return out;
  }, [scope, controlSelector]);
}

/** Visible controls and headings that reach past the viewport's left or right edge. */
export function cutOffHorizontally(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const vw = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > vw + 1) out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${vw})`);
    for (const el of document.querySelectorAll<HTMLElement>('button, a, input, select, textarea, h1, h2, [role="tab"]')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden') continue;
      // Skip what sits inside a scrolling container (a table that scrolls sideways on purpose).
      let p = el.parentElement;
      let scrolls = false;
      while (p && p !== document.body) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll') {
          scrolls = true;
          break;
        }
        p = p.parentElement;
      }
      if (scrolls) continue;
      if (r.left < -1 || r.right > vw + 1) out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}" spans ${Math.round(r.left)}–${Math.round(r.right)} of ${vw}`);
    }
    return out;
  });
}
