import { useEffect, useState } from 'react';
import type { Read } from './monitoring-api';

/**
 * A read that follows its inputs: 'loading' until the answer for the latest `key` comes; an answer
 * for an older key (the reader moved on meanwhile) is dropped and its request aborted.
 */
export function useRead<T>(key: string, read: (signal: AbortSignal) => Promise<Read<T>>): Read<T> | 'loading' {
  const [answer, setAnswer] = useState<{ key: string; read: Read<T> } | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    void read(abort.signal).then((result) => {
      if (!abort.signal.aborted) setAnswer({ key, read: result });
    });
    return () => abort.abort();
    // `read` is made anew each render; `key` names everything it reads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return answer?.key === key ? answer.read : 'loading';
}
