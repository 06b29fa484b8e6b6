import { useEffect, useState } from 'react';
import type { Read } from './public-api';

/** A read started when the page shows (and again when `key` changes); null until it answers. */
export function useRead<T>(read: () => Promise<Read<T>>, key: string): Read<T> | null {
  const [answer, setAnswer] = useState<Read<T> | null>(null);
  useEffect(() => {
    let current = true;
    void read().then((result) => {
      if (current) setAnswer(result);
    });
    return () => {
      current = false;
    };
    // The read is named by its key; a new function each render must not read again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return answer;
}
