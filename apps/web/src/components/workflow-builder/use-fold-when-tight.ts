'use client';

import { useLayoutEffect, useRef, useState } from 'react';

/**
 * Folds a row's secondary controls into a menu when they don't fit on one line. The row must
 * not wrap (nowrap, items that don't shrink below their content): it overflows instead, which
 * is measurable. When it overflows unfolded, it folds and remembers the width it needed; it
 * unfolds once the row is at least that wide again. Checked before paint on every render
 * (content changes: a "Stop" button appears when published) and on every resize.
 */
export function useFoldWhenTight<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [folded, setFolded] = useState(false);
  const needed = useRef(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => {
      if (!folded) {
        if (el.scrollWidth > el.clientWidth + 1) {
          needed.current = el.scrollWidth;
          setFolded(true);
        }
      } else if (el.clientWidth >= needed.current) {
        setFolded(false);
      }
    };
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  });
  return { ref, folded };
}
