// Copy to the clipboard with a fallback for browsers without the async Clipboard API, and one polite
// live region that announces the result (so screen readers hear “已复制”).
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';

async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the textarea fallback
  }
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.opacity = '0';
  document.body.appendChild(ta);
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  ta.remove();
  return ok;
}

type Notify = (message: string) => void;

const ToastContext = createContext<Notify>(() => {});

export function ToastProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const timer = useRef<number | undefined>(undefined);
  const notify = useCallback((m: string) => {
    setMessage(m);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setMessage(''), 4000);
  }, []);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return (
    <ToastContext.Provider value={notify}>
      {children}
      <div className={message ? 'toast toast-on' : 'toast'} role="status" aria-live="polite" data-testid="toast">
        {message}
      </div>
    </ToastContext.Provider>
  );
}

export function useCopy(): (text: string) => Promise<void> {
  const notify = useContext(ToastContext);
  return useCallback(
    async (text: string) => {
      const ok = await writeClipboard(text);
      notify(ok ? `已复制引用：${text}` : `复制失败，请手动复制：${text}`);
    },
    [notify],
  );
}
