// Fetch-on-render hook: loading / data / error, aborted when the path changes or the page unmounts.
// `revision` (the session revision from AuthContext) refetches after sign-in or sign-out so that what
// a user may see follows their role.
import { useEffect, useState } from 'react';
import { ApiError, api, takePrefetched } from './client.ts';

export type ApiState<T> =
  | { status: 'loading'; data: null; error: null }
  | { status: 'ok'; data: T; error: null }
  | { status: 'error'; data: null; error: ApiError };

export function useApi<T>(path: string | null, revision = 0): ApiState<T> {
  const [state, setState] = useState<ApiState<T>>({ status: 'loading', data: null, error: null });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` is a deliberate refetch trigger
  useEffect(() => {
    if (path === null) return;
    const ctl = new AbortController();
    setState({ status: 'loading', data: null, error: null });
    (takePrefetched<T>(path) ?? api<T>(path, { signal: ctl.signal })).then(
      (data) => {
        if (ctl.signal.aborted) return;
        performance.mark('luoshi:data', { detail: path }); // with luoshi:document-rendered: the render time
        setState({ status: 'ok', data, error: null });
      },
      (e: unknown) => {
        if (ctl.signal.aborted) return;
        const error = e instanceof ApiError ? e : new ApiError(0, 'CLIENT', `页面出错：${String(e)}`);
        setState({ status: 'error', data: null, error });
      },
    );
    return () => ctl.abort();
  }, [path, revision]);
  return state;
}
