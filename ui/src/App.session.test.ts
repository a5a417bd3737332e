import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import App from './App.svelte';
import { info } from './lib/fixtures';
import type { LockInfo } from './lib/bindings/LockInfo';
import type { RegisterInfo } from './lib/bindings/RegisterInfo';

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  clearMocks();
  vi.useRealTimers();
});

const ward: RegisterInfo = {
  ...info,
  is_demo: false,
  officer: { login: 'lan.nt', full_name: 'Nguyễn Thị Lan', role: 'desk_officer' },
};

/** A backend whose ward register is encrypted; the correct password and PIN are fixed. */
function encryptedBackend(calls: Array<[string, Record<string, unknown>]>) {
  let seal: LockInfo = { login: null, pin: false, tries_left: 0 };
  let open = false;
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push([cmd, a]);
    switch (cmd) {
      case 'open_register':
        if (!open) throw { code: 'register_locked', message: 'the register is encrypted' };
        return ward;
      case 'lock_state':
        return seal;
      case 'sign_in':
        if (a.password !== 'đúng mật khẩu') throw { code: 'wrong_password', message: 'wrong login or password' };
        seal = a.pin ? { login: String(a.login), pin: true, tries_left: 3 } : seal;
        open = true;
        return ward;
      case 'lock_register':
        open = false;
        return seal;
      case 'unlock_with_pin':
        if (a.pin !== '2468') {
          seal = { ...seal, tries_left: seal.tries_left - 1 };
          throw { code: 'wrong_pin', message: 'wrong PIN' };
        }
        open = true;
        return ward;
      case 'plugin:event|listen':
        return 1;
      default:
        return null;
    }
  });
}

describe('signing in to an encrypted ward register', () => {
  it('asks for the account, keeps the login after a wrong password, and shows who is signed in', async () => {
    const calls: Array<[string, Record<string, unknown>]> = [];
    encryptedBackend(calls);
    render(App);
    const login = (await screen.findByTestId('login-input')) as HTMLInputElement;
    await fireEvent.input(login, { target: { value: 'lan.nt' } });
    await fireEvent.input(screen.getByTestId('password-input'), { target: { value: 'sai' } });
    await fireEvent.click(screen.getByTestId('signin-submit'));
    expect((await screen.findByTestId('signin-error')).textContent).toContain('Caps Lock');
    expect(login.value).toBe('lan.nt');
    expect((screen.getByTestId('password-input') as HTMLInputElement).value).toBe('');

    await fireEvent.input(screen.getByTestId('password-input'), { target: { value: 'đúng mật khẩu' } });
    await fireEvent.input(screen.getByTestId('new-pin-input'), { target: { value: '2468' } });
    await fireEvent.click(screen.getByTestId('signin-submit'));
    const officer = await screen.findByTestId('officer');
    expect(officer.textContent).toContain('Nguyễn Thị Lan');
    expect(officer.textContent).toContain('Cán bộ một cửa');
    const signIns = calls.filter(([c]) => c === 'sign_in').map(([, a]) => a);
    expect(signIns).toEqual([
      { login: 'lan.nt', password: 'sai', pin: null },
      { login: 'lan.nt', password: 'đúng mật khẩu', pin: '2468' },
    ]);
  });

  it('locks with Ctrl+L and reopens with the PIN, counting wrong tries', async () => {
    encryptedBackend([]);
    render(App);
    await fireEvent.input(await screen.findByTestId('login-input'), { target: { value: 'lan.nt' } });
    await fireEvent.input(screen.getByTestId('password-input'), { target: { value: 'đúng mật khẩu' } });
    await fireEvent.input(screen.getByTestId('new-pin-input'), { target: { value: '2468' } });
    await fireEvent.click(screen.getByTestId('signin-submit'));
    await screen.findByTestId('officer');

    await fireEvent.keyDown(window, { key: 'l', ctrlKey: true });
    const pin = await screen.findByTestId('pin-input');
    expect(screen.getByTestId('signin').textContent).toContain('lan.nt');
    expect(screen.queryByTestId('officer')).toBeNull();
    await fireEvent.input(pin, { target: { value: '1111' } });
    await fireEvent.click(screen.getByTestId('pin-submit'));
    expect((await screen.findByTestId('signin-error')).textContent).toContain('Mã PIN không đúng');
    await screen.findByText('Còn 2 lần thử mã PIN.');
    await fireEvent.input(screen.getByTestId('pin-input'), { target: { value: '2468' } });
    await fireEvent.click(screen.getByTestId('pin-submit'));
    await screen.findByTestId('officer');
  });

  it('locks by itself after the idle time set in Cài đặt', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    encryptedBackend([]);
    render(App);
    await fireEvent.input(await screen.findByTestId('login-input'), { target: { value: 'lan.nt' } });
    await fireEvent.input(screen.getByTestId('password-input'), { target: { value: 'đúng mật khẩu' } });
    await fireEvent.click(screen.getByTestId('signin-submit'));
    await screen.findByTestId('officer');
    await fireEvent.keyDown(window, { key: '7', altKey: true });
    const select = (await screen.findByTestId('auto-lock')) as HTMLSelectElement;
    expect(select.value).toBe('5');
    await fireEvent.change(select, { target: { value: '1' } });
    expect(localStorage.getItem('motcua.autoLockMinutes')).toBe('1');
    vi.advanceTimersByTime(59_000);
    expect(screen.queryByTestId('signin')).toBeNull();
    vi.advanceTimersByTime(2_000);
    // No PIN was set: the password form comes back.
    await waitFor(() => screen.getByTestId('password-input'));
  });
});
