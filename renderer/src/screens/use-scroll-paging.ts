import { useEffect, useRef, useState, type RefObject } from 'react';

export interface ScrollPaging {
  /** Attach to the element that scrolls. */
  ref: RefObject<HTMLDivElement | null>;
  canGoUp: boolean;
  canGoDown: boolean;
  page: (direction: 'up' | 'down') => void;
}

/**
 * Paging buttons for a scrolling list. Many visitors never learned to swipe, and a list cut at
 * the screen's edge does not tell them more lies below; a button with an arrow does.
 */
export function useScrollPaging(): ScrollPaging {
  const ref = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState({ canGoUp: false, canGoDown: false });

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () =>
      setEdges({
        canGoUp: element.scrollTop > 1,
        canGoDown: element.scrollTop + element.clientHeight < element.scrollHeight - 1,
      });
    // Observing the list and its content catches a new size of either; the first report comes at once.
    const resizes = new ResizeObserver(update);
    resizes.observe(element);
    for (const child of element.children) resizes.observe(child);
    element.addEventListener('scroll', update, { passive: true });
    return () => {
      resizes.disconnect();
      element.removeEventListener('scroll', update);
    };
  }, []);

  const page = (direction: 'up' | 'down') => {
    const element = ref.current;
    if (!element) return;
    // Most of a screenful, so the last item seen stays in sight as a landmark.
    const distance = element.clientHeight * 0.8;
    element.scrollBy({ top: direction === 'down' ? distance : -distance, behavior: 'smooth' });
  };

  return { ref, ...edges, page };
}
