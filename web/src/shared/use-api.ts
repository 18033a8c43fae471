// Loading server data into a component: the answer, the error, and a reload.
import { useCallback, useEffect, useState } from 'react'
import { api } from './api.ts'

export interface Loaded<T> {
  readonly data: T | undefined
  readonly error: Error | undefined
  readonly loading: boolean
  readonly reload: () => void
}

/** GETs `path` (null: nothing yet) and re-GETs when it changes or on reload(). */
export function useApi<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({
    loading: path !== null,
  })
  const [generation, setGeneration] = useState(0)
  const reload = useCallback(() => setGeneration((n) => n + 1), [])
  // biome-ignore lint/correctness/useExhaustiveDependencies: generation re-runs the request on reload()
  useEffect(() => {
    if (path === null) return
    const controller = new AbortController()
    setState((previous) => ({ ...previous, loading: true }))
    api<T>(path, { signal: controller.signal }).then(
      (data) => setState({ data, loading: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return
        setState({ error: error instanceof Error ? error : new Error(String(error)), loading: false })
      },
    )
    return () => controller.abort()
  }, [path, generation])
  return { data: state.data, error: state.error, loading: state.loading, reload }
}
