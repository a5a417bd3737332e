// What the Thủ tục screens decide without the backend: the order procedures are offered
// in, the default channel, how a check, a fee or a countdown reads, which tab a wizard
// opens on, and what of the form still waits to be saved.
import { num } from './language';
import type { AppError } from './api';
import type { ApplicationInfo } from './bindings/ApplicationInfo';
import type { ApplicationState } from './bindings/ApplicationState';
import type { CheckSpec } from './bindings/CheckSpec';
import type { DocumentInfo } from './bindings/DocumentInfo';
import type { FeeInfo } from './bindings/FeeInfo';
import type { FilingChannel } from './bindings/FilingChannel';
import type { PaperState } from './bindings/PaperState';
import type { ProcedureInfo } from './bindings/ProcedureInfo';
import type { StaffRole } from './bindings/StaffRole';
import type { VneidInfo } from './bindings/VneidInfo';
import { t } from './strings';

/** The wizard's tabs, in order. */
export const TABS = ['checks', 'papers', 'form', 'steps', 'file'] as const;
export type Tab = (typeof TABS)[number];

/** VNeID first (the account opens every online filing), then the catalog's order. */
export function orderProcedures(list: ProcedureInfo[]): ProcedureInfo[] {
  return [...list.filter((p) => p.kind === 'vneid'), ...list.filter((p) => p.kind !== 'vneid')];
}

/** The mobile team files at the citizen's home; everyone else at the desk. */
export function defaultChannel(role: StaffRole | null): FilingChannel {
  return role === 'mobile_team' ? 'luu_dong' : 'tai_quay';
}

/** What a check asks or tests, said plainly. */
export function checkLabel(c: CheckSpec): string {
  return c.rule === 'question' ? (c.question ?? c.key) : t.procedures.rule[c.rule](c.years ?? 0);
}

/** "Không cần" only where the office looks the paper up itself. */
export function paperChoices(d: DocumentInfo): PaperState[] {
  return d.lookup ? ['present', 'missing', 'not_needed'] : ['present', 'missing'];
}

/** A yes/no key for a question: C(ó) or Y for yes, K(hông) or N for no. */
export function answerOfKey(key: string): boolean | null {
  const k = key.toLowerCase();
  if (k === 'c' || k === 'y') return true;
  if (k === 'k' || k === 'n') return false;
  return null;
}

/** The step being walked: the first not done, or the last once all are. */
export function currentStep(stepsDone: number, steps: number): number {
  return Math.max(0, Math.min(stepsDone, steps - 1));
}

const money = (v: number) => num(v);

export function feeText(fee: FeeInfo): string {
  const parts: string[] = [];
  if (fee.online !== null) parts.push(t.procedures.feeOnline(money(fee.online)));
  if (fee.in_person !== null) parts.push(t.procedures.feeInPerson(money(fee.in_person)));
  if (fee.note) parts.push(fee.note);
  return parts.length ? parts.join('; ') : t.procedures.free;
}

export function limitText(p: ProcedureInfo): string {
  const base = p.time_limit_days === 0 ? t.procedures.sameDay : t.procedures.days(p.time_limit_days);
  return p.time_limit_note ? `${base} (${p.time_limit_note})` : base;
}

/** "Còn N ngày để kích hoạt" while an approved account waits; null otherwise. */
export function countdown(v: VneidInfo): string | null {
  if (v.state !== 'cho_kich_hoat' || v.days_left === null) return null;
  return v.days_left >= 0 ? t.vneid.daysLeft(v.days_left) : t.vneid.missed(-v.days_left);
}

/** `2026-12-03T15:30:00` → `15:30 ngày 03/12/2026` (`15:30 on 03/12/2026`). */
export function receivedText(at: string | null): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(at ?? '');
  return m ? t.procedures.atTime(`${m[4]}:${m[5]}`, `${m[3]}/${m[2]}/${m[1]}`) : (at ?? '');
}

/** Today on this computer's calendar, `yyyy-mm-dd` (not UTC: evenings are still today). */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export const isFiled = (s: ApplicationState) => s !== 'nhap' && s !== 'da_huong_dan';

/** Where a wizard opens: a draft at its checks, a guided one at filing, a filed one at its result. */
export function firstTab(a: ApplicationInfo): Tab {
  return a.state === 'nhap' ? 'checks' : 'file';
}

/** The core's reasons behind an error, one a line, for the codes whose detail lists them. */
export function reasonsOf(e: AppError): string[] {
  if (e.code === 'catalog_invalid') return e.detail.split('\n').filter((l) => l.trim());
  if (e.code === 'application_refused' || e.code === 'catalog_unreadable' || e.code === 'invalid_range' || e.code === 'scan_folder_unreadable') return e.detail ? [e.detail] : [];
  return [];
}

/** The fields whose typed value differs from what the register holds for the application. */
export function unsavedFields(typed: Record<string, string>, saved: Record<string, string | undefined>): string[] {
  return Object.keys(typed).filter((k) => typed[k] !== (saved[k] ?? ''));
}

/** Each field's problems by key, and those of no field on the form (an unknown key). */
export function errorsByField(a: ApplicationInfo, p: ProcedureInfo): { byKey: Map<string, string[]>; other: string[] } {
  const keys = new Set(p.fields.map((f) => f.key));
  const byKey = new Map<string, string[]>();
  const other: string[] = [];
  for (const e of a.form_errors) {
    if (keys.has(e.key)) byKey.set(e.key, [...(byKey.get(e.key) ?? []), e.message]);
    else other.push(e.message);
  }
  return { byKey, other };
}

/** The portal's answers an officer may record from `s`, as the core allows them. */
export function portalAnswers(s: ApplicationState): ApplicationState[] {
  if (s === 'da_nop') return ['dang_xu_ly', 'co_ket_qua', 'bi_tu_choi'];
  if (s === 'dang_xu_ly') return ['co_ket_qua', 'bi_tu_choi'];
  return [];
}
