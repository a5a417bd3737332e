// Text size for the desk and the projector, kept between sessions.
const KEY = 'motcua.textScale';
export const SCALES = [0.9, 1, 1.15, 1.3, 1.5] as const;

export function loadScale(): number {
  const saved = Number(localStorage.getItem(KEY));
  return (SCALES as readonly number[]).includes(saved) ? saved : 1;
}

export function stepScale(current: number, direction: 1 | -1): number {
  const i = SCALES.findIndex((s) => s === current);
  const next = SCALES[Math.min(SCALES.length - 1, Math.max(0, (i < 0 ? 1 : i) + direction))];
  localStorage.setItem(KEY, String(next));
  return next;
}
