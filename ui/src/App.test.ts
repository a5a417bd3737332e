import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import App from './App.svelte';
import { info } from './lib/fixtures';

afterEach(() => {
  cleanup();
  clearMocks();
});

function backend(isDemo: boolean) {
  mockIPC((cmd) => {
    if (cmd === 'open_register') return { ...info, is_demo: isDemo };
    if (cmd === 'plugin:event|listen') return 1;
    return null;
  });
}

describe('app frame', () => {
  it('shows the demo banner for a demo ward', async () => {
    backend(true);
    render(App);
    const banner = await screen.findByTestId('demo-banner');
    expect(banner.textContent).toContain('Dữ liệu mẫu');
    expect((await screen.findByTestId('ward')).textContent).toContain('Phường Ba Đình');
  });

  it('shows no banner for a real register', async () => {
    backend(false);
    render(App);
    await screen.findByTestId('ward');
    expect(screen.queryByTestId('demo-banner')).toBeNull();
  });

  it('switches areas with Alt+number and says what is not built yet', async () => {
    backend(true);
    render(App);
    await screen.findByTestId('search-input');
    await fireEvent.keyDown(window, { key: '2', altKey: true });
    const panel = await screen.findByTestId('area-placeholder');
    expect(panel.textContent).toContain('Rà soát dữ liệu');
    expect(panel.textContent).toContain('chưa có trong phiên bản hiện tại');
    await fireEvent.keyDown(window, { key: 'F3' });
    expect(await screen.findByTestId('search-input')).toBeTruthy();
  });

  it('offers a retry when the register cannot be opened', async () => {
    mockIPC((cmd) => {
      if (cmd === 'open_register') throw { code: 'schema_too_new', message: 'version 9 > 2' };
      return 1;
    });
    render(App);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('phiên bản MotCua mới hơn');
    expect(screen.getByRole('button', { name: 'Thử lại' })).toBeTruthy();
  });
});
