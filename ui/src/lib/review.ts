// Small helpers the review screens share: field names, days, what a decision needs.
import type { FindingDecision } from './bindings/FindingDecision';
import type { WorkState } from './bindings/WorkState';
import { t } from './strings';

/** The Vietnamese name of a register column. */
export function fieldLabel(field: string): string {
  return t.review.fields[field] ?? (t.field as Record<string, string>)[field] ?? field;
}

/** `yyyy-mm-dd` (or an RFC 3339 time) as `dd/mm/yyyy`. */
export function day(iso: string | null): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (iso ?? '');
}

export const isOpen = (s: WorkState) => s === 'moi' || s === 'dang_xu_ly' || s === 'chuyen_cap_tren';

/** The decisions that need a reason typed first. */
export type ReasonDecision = 'not_an_error' | 'escalate' | 'explain_delay';

export function withReason(kind: ReasonDecision, reason: string): FindingDecision {
  return { kind, value: reason };
}
