// A small client-side router over the History API: every screen has its own URL (deep links), the
// server answers the app's page for each of them, and links are real <a href> elements, so opening
// one in a new tab or copying it works as in any web page.
import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react'

const listeners = new Set<() => void>()

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  window.addEventListener('popstate', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('popstate', listener)
  }
}

function snapshot(): string {
  return window.location.pathname + window.location.search
}

/** The current path and query; re-renders on navigation. */
export function useLocation(): { path: string; search: URLSearchParams } {
  const location = useSyncExternalStore(subscribe, snapshot)
  const [path = '/', search = ''] = location.split('?')
  return { path, search: new URLSearchParams(search) }
}

/** Goes to another screen of the app without reloading. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return
  if (options.replace) window.history.replaceState(null, '', to)
  else window.history.pushState(null, '', to)
  window.scrollTo(0, 0)
  for (const listener of listeners) listener()
}

/** Matches a path against a pattern with `:name` segments; answers the decoded parameters or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/')
  const have = path.split('/')
  if (want.length !== have.length) return null
  const params: Record<string, string> = {}
  for (let i = 0; i < want.length; i++) {
    const segment = want[i] ?? ''
    const value = have[i] ?? ''
    if (segment.startsWith(':')) {
      if (!value) return null
      try {
        params[segment.slice(1)] = decodeURIComponent(value)
      } catch {
        return null
      }
    } else if (segment !== value) return null
  }
  return params
}

/** An in-app link: a real anchor whose plain left click navigates without a reload. */
export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const { to, onClick, ...rest } = props
  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event)
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return
    event.preventDefault()
    navigate(to)
  }
  return <a href={to} onClick={click} {...rest} />
}
