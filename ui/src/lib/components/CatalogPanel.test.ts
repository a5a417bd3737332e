import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import CatalogPanel from './CatalogPanel.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const shipped = { version: '2026.12.1', effective_from: '2026-07-01', procedures: 13, loaded_by: null, loaded_at: null };

describe('the procedure catalog in Cài đặt', () => {
  it('lists every reason a file is refused for, then shows the newer version once loaded', async () => {
    const paths: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'catalog_info') return shipped;
      if (cmd === 'load_catalog') {
        paths.push((args as Record<string, unknown>).path);
        if (paths.length === 1) throw { code: 'catalog_invalid', message: 'phiên bản "moi" phải có dạng NĂM.THÁNG.SỐ\nthủ tục "x": thiếu tên' };
        return { ...shipped, version: '2027.1.1', loaded_by: 'quantri', loaded_at: '2026-12-03T10:00:00' };
      }
      return null;
    });
    render(CatalogPanel, { canLoad: true });
    expect((await screen.findByTestId('catalog-version')).textContent).toContain('Phiên bản 2026.12.1: 13 thủ tục, hiệu lực từ 01/07/2026.');
    await fireEvent.input(screen.getByTestId('catalog-path'), { target: { value: ' /tmp/danh-muc.toml ' } });
    await fireEvent.click(screen.getByTestId('catalog-load'));
    const error = await screen.findByTestId('catalog-error');
    expect(error.textContent).toContain('Danh mục thủ tục không được nạp');
    expect(within(error).getAllByTestId('catalog-error-reason').map((r) => r.textContent)).toEqual([
      'phiên bản "moi" phải có dạng NĂM.THÁNG.SỐ',
      'thủ tục "x": thiếu tên',
    ]);
    await fireEvent.click(screen.getByTestId('catalog-load'));
    expect((await screen.findByTestId('catalog-loaded')).textContent).toBe('Đã nạp danh mục phiên bản 2027.1.1 (13 thủ tục).');
    expect(screen.getByTestId('catalog-version').textContent).toContain('Do quantri nạp lúc 10:00 ngày 03/12/2026.');
    expect(screen.queryByTestId('catalog-error')).toBeNull();
    expect(paths).toEqual(['/tmp/danh-muc.toml', '/tmp/danh-muc.toml']);
  });

  it('shows the version but no loader to an officer who may not load one', async () => {
    mockIPC((cmd) => (cmd === 'catalog_info' ? shipped : null));
    render(CatalogPanel, { canLoad: false });
    await screen.findByTestId('catalog-version');
    expect(screen.queryByTestId('catalog-path')).toBeNull();
  });
});
