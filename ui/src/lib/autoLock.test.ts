import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_LOCK_MINUTES, loadLockMinutes, saveLockMinutes, watchIdle } from './autoLock';

beforeEach(() => localStorage.clear());
afterEach(() => vi.useRealTimers());

describe('auto-lock', () => {
  it('defaults to 5 minutes and keeps only offered delays', () => {
    expect(loadLockMinutes()).toBe(DEFAULT_LOCK_MINUTES);
    expect(saveLockMinutes(15)).toBe(15);
    expect(loadLockMinutes()).toBe(15);
    localStorage.setItem('motcua.autoLockMinutes', '7');
    expect(loadLockMinutes()).toBe(5);
  });

  it('fires after the idle time, and activity starts the wait again', () => {
    vi.useFakeTimers();
    const idle = vi.fn();
    const stop = watchIdle(window, 60_000, idle);
    vi.advanceTimersByTime(59_000);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    vi.advanceTimersByTime(59_000);
    expect(idle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(idle).toHaveBeenCalledTimes(1);
    stop();
    vi.advanceTimersByTime(120_000);
    expect(idle).toHaveBeenCalledTimes(1);
  });
});
