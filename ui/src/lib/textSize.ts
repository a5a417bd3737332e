// Text size for the desk and the projector, kept between sessions. The smallest step is
// the 16px base: anything smaller is hard to read on a projector.
const KEY = 'motcua.textScale';
export const SCALES = [1, 1.125, 1.25, 1.4, 1.6, 1.8, 2] as const;

export function loadScale(): number {
  const saved = Number(localStorage.getItem(KEY));
  return (SCALES as readonly number[]).includes(saved) ? saved : SCALES[0];
}

export function stepScale(current: number, direction: 1 | -1): number {
  const i = Math.max(0, SCALES.findIndex((s) => s === current));
  const next = SCALES[Math.min(SCALES.length - 1, Math.max(0, i + direction))];
  localStorage.setItem(KEY, String(next));
  return next;
}

// Presentation mode (a projector, a class): large type at least, high contrast, the
// next step of a scenario highlighted; kept between sessions like the text size.
const PRESENT_KEY = 'motcua.presenting';
export const PRESENTING_SCALE = 1.4;

export function loadPresenting(): boolean {
  return localStorage.getItem(PRESENT_KEY) === '1';
}

export function savePresenting(on: boolean): boolean {
  if (on) localStorage.setItem(PRESENT_KEY, '1');
  else localStorage.removeItem(PRESENT_KEY);
  return on;
}
