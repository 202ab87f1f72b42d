import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  data?: T;
  error?: Error;
  loading: boolean;
  reload: () => void;
}

interface Settled<T> {
  key?: string;
  tick: number;
  data?: T;
  error?: Error;
}

/**
 * Loads whenever `key` changes, on reload, and every `refreshMs`. The last data stays on screen while a
 * refresh runs, so the page does not flicker; an answer to an older request never overwrites a newer one.
 */
export function useLoad<T>(load: () => Promise<T>, key: string, refreshMs?: number): Loaded<T> {
  const [settled, setSettled] = useState<Settled<T>>({ tick: -1 });
  const [tick, setTick] = useState(0);
  const latestLoad = useRef(load);

  useEffect(() => {
    latestLoad.current = load;
  });

  useEffect(() => {
    let current = true;
    latestLoad.current().then(
      (data) => current && setSettled({ key, tick, data }),
      (error: Error) => current && setSettled((previous) => ({ key, tick, data: previous.data, error }))
    );
    return () => {
      current = false;
    };
  }, [key, tick]);

  useEffect(() => {
    if (!refreshMs) {
      return undefined;
    }
    const timer = setInterval(() => setTick((t) => t + 1), refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const loading = settled.key !== key || settled.tick !== tick;
  return { data: settled.data, error: loading ? undefined : settled.error, loading, reload };
}
