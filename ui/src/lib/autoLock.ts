// Auto-lock of the ward's encrypted register after the officer has been idle: the delay
// is kept between sessions; the default is 5 minutes, as the security rules ask.
const KEY = 'motcua.autoLockMinutes';
export const LOCK_MINUTES = [1, 2, 5, 10, 15, 30] as const;
export const DEFAULT_LOCK_MINUTES = 5;

export function loadLockMinutes(): number {
  const saved = Number(localStorage.getItem(KEY));
  return (LOCK_MINUTES as readonly number[]).includes(saved) ? saved : DEFAULT_LOCK_MINUTES;
}

export function saveLockMinutes(minutes: number): number {
  const ok = (LOCK_MINUTES as readonly number[]).includes(minutes) ? minutes : DEFAULT_LOCK_MINUTES;
  localStorage.setItem(KEY, String(ok));
  return ok;
}

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/** Calls `onIdle` once nothing happened in `target` for `ms`; returns the stopper. */
export function watchIdle(target: Window, ms: number, onIdle: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(onIdle, ms);
  };
  for (const e of ACTIVITY) target.addEventListener(e, restart, { passive: true });
  restart();
  return () => {
    clearTimeout(timer);
    for (const e of ACTIVITY) target.removeEventListener(e, restart);
  };
}
