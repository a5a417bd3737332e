import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import App from './App.svelte';
import { hit, info } from './lib/fixtures';

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  clearMocks();
  document.documentElement.style.fontSize = '';
});

function backend(isDemo: boolean) {
  mockIPC((cmd) => {
    if (cmd === 'open_register') return { ...info, is_demo: isDemo };
    if (cmd === 'search_persons') return { hits: [hit('R1', 'Trần Thị Hòa')], total: 1, capped: false, elapsed_ms: 2 };
    if (cmd === 'plugin:event|listen') return 1;
    if (cmd === 'review_progress' || cmd === 'worklist' || cmd === 'applications') return [];
    if (cmd === 'dashboard') return null;
    return null;
  });
}

describe('app frame', () => {
  it('shows the demo banner for a demo ward, with the ward in the header', async () => {
    backend(true);
    render(App);
    const banner = await screen.findByTestId('demo-banner');
    expect(banner.textContent).toContain('Dữ liệu mẫu');
    expect(banner.textContent).toContain('không bao giờ được đồng bộ');
    const ward = screen.getByTestId('ward').textContent ?? '';
    expect(ward).toContain('Phường Ba Đình');
    expect(ward).toContain('Thành phố Hà Nội');
    expect(ward).toContain('10.000 nhân khẩu');
    expect(ward).toContain('2.988 hộ');
  });

  it('shows no banner for a real register', async () => {
    backend(false);
    render(App);
    await screen.findByTestId('ward');
    expect(screen.queryByTestId('demo-banner')).toBeNull();
  });

  it('lists the seven areas in order', async () => {
    backend(true);
    render(App);
    const nav = await screen.findByRole('navigation');
    const labels = [...nav.querySelectorAll('button')].map((b) => b.firstElementChild?.textContent);
    expect(labels).toEqual(['Tra cứu', 'Sổ dân cư', 'Rà soát dữ liệu', 'Thủ tục & VNeID', 'Thống kê', 'Đồng bộ', 'Cài đặt']);
  });

  it('switches areas with Alt+number and keeps the search', async () => {
    backend(true);
    render(App);
    const input = (await screen.findByTestId('search-input')) as HTMLInputElement;
    await fireEvent.input(input, { target: { value: 'tran' } });
    await screen.findAllByTestId('search-hit', {}, { timeout: 2000 });

    await fireEvent.keyDown(window, { key: '3', altKey: true });
    await screen.findByTestId('review-screen');
    await fireEvent.keyDown(window, { key: '4', altKey: true });
    await screen.findByTestId('procedures-screen');
    await fireEvent.keyDown(window, { key: '5', altKey: true });
    await screen.findByTestId('stats-screen');
    expect(input.closest('[hidden]')).not.toBeNull();

    await fireEvent.keyDown(document.body, { key: '/' });
    await screen.findAllByTestId('search-hit');
    expect(screen.queryByTestId('stats-screen')).toBeNull();
    expect(input.closest('[hidden]')).toBeNull();
    expect(input.value).toBe('tran');
    expect(document.activeElement).toBe(input);
  });

  it('changes the text size with A−/A+, never below 16px, and remembers it', async () => {
    backend(true);
    render(App);
    await screen.findByTestId('ward');
    const root = document.documentElement;
    await fireEvent.click(screen.getByRole('button', { name: 'A− Giảm cỡ chữ' }));
    expect(root.style.fontSize).toBe('100%');
    await fireEvent.click(screen.getByRole('button', { name: 'A+ Tăng cỡ chữ' }));
    expect(parseFloat(root.style.fontSize)).toBeGreaterThan(100);
    expect(localStorage.getItem('motcua.textScale')).toBe(String(parseFloat(root.style.fontSize) / 100));
  });

  it('shows progress while the register is prepared', async () => {
    let finish: (value: unknown) => void = () => {};
    mockIPC(
      (cmd) => {
        if (cmd === 'open_register') return new Promise((resolve) => (finish = resolve));
        return null;
      },
      { shouldMockEvents: true },
    );
    render(App);
    expect((await screen.findByTestId('startup')).textContent).toContain('Đang chuẩn bị sổ dân cư…');
    const { emit } = await import('@tauri-apps/api/event');
    await new Promise((r) => setTimeout(r, 0));
    await emit('register-progress', { stage: 'writing', done: 2500, total: 10000 });
    const bar = (await screen.findByRole('progressbar')) as HTMLProgressElement;
    await screen.findByText(/2\.500 \/ 10\.000/);
    expect(bar.value).toBe(25);
    finish({ ...info, is_demo: true });
    await screen.findByTestId('demo-banner');
  });

  it('offers a retry when the register cannot be opened', async () => {
    let calls = 0;
    mockIPC((cmd) => {
      if (cmd === 'open_register' && ++calls === 1) throw { code: 'schema_too_new', message: 'version 9 > 2' };
      if (cmd === 'open_register') return { ...info, is_demo: false };
      return 1;
    });
    render(App);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('phiên bản MotCua mới hơn');
    await fireEvent.click(screen.getByRole('button', { name: 'Thử lại' }));
    await screen.findByTestId('ward');
    expect(calls).toBe(2);
  });
});
