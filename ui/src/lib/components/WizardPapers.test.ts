import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import WizardPapers from './WizardPapers.svelte';
import { application, vneidProcedure } from '../fixtures';

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  clearMocks();
});

function backend(scans: Array<{ path: string; name: string }>) {
  const calls: Array<[string, Record<string, unknown>]> = [];
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push([cmd, a]);
    if (cmd === 'newest_scans') {
      if (a.folder !== '/quet') throw { code: 'scan_folder_unreadable', message: `không đọc được thư mục ảnh ${a.folder}: No such file` };
      return scans.map((s) => ({ ...s, size: 1000, modified: '15:30 04/12/2026' }));
    }
    if (cmd === 'attach_scan') return { sha256: 'ab'.repeat(32), document: a.document, width: 1200, height: 1700, size: 300_000, warnings: [] };
    if (cmd === 'attachment_thumbnail') return new ArrayBuffer(4);
    return null;
  });
  return calls;
}

const papers = (onreload = () => {}) =>
  render(WizardPapers, { app: application('A1'), procedure: vneidProcedure(), locked: false, onpaper: () => {}, onreload });

describe('papers from the scan folder', () => {
  it('offers no scan button until a folder is set in Cài đặt', async () => {
    backend([]);
    papers();
    await screen.findAllByTestId('paper');
    expect(screen.queryByTestId('paper-scans')).toBeNull();
  });

  it("lists the folder's newest pictures and attaches the one chosen to its paper", async () => {
    localStorage.setItem('motcua.scanFolder', '/quet');
    const calls = backend([
      { path: '/quet/scan-2.jpg', name: 'scan-2.jpg' },
      { path: '/quet/scan-1.jpg', name: 'scan-1.jpg' },
    ]);
    let reloaded = 0;
    papers(() => reloaded++);
    const key = vneidProcedure().documents[0].key;
    await fireEvent.click((await screen.findAllByTestId('paper-scans'))[0]);
    const files = await screen.findAllByTestId('scan-file');
    expect(files.map((f) => f.textContent?.trim())).toEqual(['scan-2.jpg · 15:30 04/12/2026', 'scan-1.jpg · 15:30 04/12/2026']);
    expect(document.activeElement).toBe(files[0]);
    await fireEvent.click(files[0]);
    await screen.findByTestId('paper-photo-result');
    expect(calls.find((c) => c[0] === 'attach_scan')?.[1]).toEqual({ id: 'A1', document: key, path: '/quet/scan-2.jpg' });
    expect(screen.queryByTestId('scan-list')).toBeNull();
    expect(reloaded).toBe(1);
  });

  it('says in Vietnamese when the folder cannot be read', async () => {
    localStorage.setItem('motcua.scanFolder', '/khong-co');
    backend([]);
    papers();
    await fireEvent.click((await screen.findAllByTestId('paper-scans'))[0]);
    const error = await screen.findByTestId('papers-error');
    await waitFor(() => expect(error.textContent).toContain('Không đọc được thư mục ảnh của máy quét'));
    expect(error.textContent).toContain('/khong-co');
  });
});
