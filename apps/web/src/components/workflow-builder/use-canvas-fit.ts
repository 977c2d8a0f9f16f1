'use client';

import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useReactFlow, type FitViewOptions } from '@xyflow/react';

const MINIMAP = { width: 168, height: 112, margin: 15 };
// Below this canvas size the minimap would cover a large share of the flow: it is hidden
// (the zoom controls and "fit view" remain).
const MINIMAP_MIN = { width: 560, height: 440 };
// The zoom controls sit at the bottom left (26 px wide, ~80 px tall, 15 px from the edges).
const CONTROLS_RESERVE = 56;

/**
 * Fitting the workflow into the canvas. The padding keeps the corners the minimap and the
 * zoom controls occupy free, so no step starts under them. The view is fitted on open and
 * re-fitted when the canvas changes size (the window, a panel opening) until the person pans
 * or zooms themselves; tidy-up and import fit again explicitly.
 */
export function useCanvasFit(wrapper: RefObject<HTMLDivElement | null>) {
  const { fitView } = useReactFlow();
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const userMoved = useRef(false);
  const ready = useRef(false);

  const showMiniMap = size !== null && size.width >= MINIMAP_MIN.width && size.height >= MINIMAP_MIN.height;
  const options = useMemo<FitViewOptions>(
    () => ({
      maxZoom: 1,
      padding: {
        top: '32px',
        right: '32px',
        left: `${CONTROLS_RESERVE}px`,
        bottom: `${showMiniMap ? MINIMAP.height + MINIMAP.margin + 16 : 40}px`,
      },
    }),
    [showMiniMap],
  );

  const fit = useCallback(
    (extra: FitViewOptions = {}) => {
      userMoved.current = false;
      void fitView({ ...options, ...extra });
    },
    [fitView, options],
  );

  useEffect(() => {
    const el = wrapper.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      const r = entry!.contentRect;
      setSize((prev) => (prev && prev.width === r.width && prev.height === r.height ? prev : { width: r.width, height: r.height }));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [wrapper]);

  // A size change (or the minimap appearing) re-fits while the view is still the automatic one.
  useEffect(() => {
    if (ready.current && size && !userMoved.current) void fitView(options);
  }, [size, options, fitView]);

  const onInit = useCallback(() => {
    ready.current = true;
    fit();
  }, [fit]);
  // Programmatic moves (fitView) come without an input event.
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) userMoved.current = true;
  }, []);

  return { fit, onInit, onMoveStart, showMiniMap, miniMap: MINIMAP };
}
