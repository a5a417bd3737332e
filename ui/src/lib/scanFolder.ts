// The folder the desk's scanner or camera saves into, kept on this computer between
// sessions; empty when none is set.
const KEY = 'motcua.scanFolder';

export function loadScanFolder(): string {
  return localStorage.getItem(KEY)?.trim() ?? '';
}

export function saveScanFolder(folder: string): string {
  const f = folder.trim();
  if (f) localStorage.setItem(KEY, f);
  else localStorage.removeItem(KEY);
  return f;
}
