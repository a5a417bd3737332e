// The only module that talks to the backend. Everything it returns is typed by the
// bindings generated from the Rust boundary types; every failure becomes an AppError
// carrying a Vietnamese message chosen by the error code.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { open as openDialog, save as saveDialog } from '@tauri-apps/plugin-dialog';
import type { ImportOutcome } from './bindings/ImportOutcome';
import type { ImportProgress } from './bindings/ImportProgress';
import type { ConflictChoice } from './bindings/ConflictChoice';
import type { ConflictInfo } from './bindings/ConflictInfo';
import type { FieldEvidence } from './bindings/FieldEvidence';
import type { FindingDecision } from './bindings/FindingDecision';
import type { GroupProgressInfo } from './bindings/GroupProgressInfo';
import type { MergeInfo } from './bindings/MergeInfo';
import type { MergeTake } from './bindings/MergeTake';
import type { ReviewRunInfo } from './bindings/ReviewRunInfo';
import type { WorkItemInfo } from './bindings/WorkItemInfo';
import type { WorklistQuery } from './bindings/WorklistQuery';
import type { IpcError } from './bindings/IpcError';
import type { LockInfo } from './bindings/LockInfo';
import type { NewAccount } from './bindings/NewAccount';
import type { PersonDetail } from './bindings/PersonDetail';
import type { RegisterInfo } from './bindings/RegisterInfo';
import type { RegisterProgress } from './bindings/RegisterProgress';
import type { RejectedInfo } from './bindings/RejectedInfo';
import type { SearchResult } from './bindings/SearchResult';
import type { SyncInfo } from './bindings/SyncInfo';
import type { WardChoice } from './bindings/WardChoice';
import type { WardRegister } from './bindings/WardRegister';
import type { ApplicationEdit } from './bindings/ApplicationEdit';
import type { ApplicationInfo } from './bindings/ApplicationInfo';
import type { ApplicationQuery } from './bindings/ApplicationQuery';
import type { ApplicationState } from './bindings/ApplicationState';
import type { AttachedPhotoInfo } from './bindings/AttachedPhotoInfo';
import type { CatalogSummary } from './bindings/CatalogSummary';
import type { FilingChannel } from './bindings/FilingChannel';
import type { ProcedureInfo } from './bindings/ProcedureInfo';
import type { VneidFailureInfo } from './bindings/VneidFailureInfo';
import type { VneidInfo } from './bindings/VneidInfo';
import type { VneidMove } from './bindings/VneidMove';
import type { DashboardInfo } from './bindings/DashboardInfo';
import type { DayRange } from './bindings/DayRange';
import type { FigureListInfo } from './bindings/FigureListInfo';
import type { FigureQuery } from './bindings/FigureQuery';
import type { ReportKind } from './bindings/ReportKind';
import type { ScanInfo } from './bindings/ScanInfo';
import type { TrainingSubjectsInfo } from './bindings/TrainingSubjectsInfo';
import { messageFor } from './messages';

export class AppError extends Error {
  readonly code: string;
  readonly detail: string;

  constructor(code: string, detail: string) {
    super(messageFor(code));
    this.code = code;
    this.detail = detail;
  }
}

function isIpcError(e: unknown): e is IpcError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (isIpcError(e)) return new AppError(e.code, e.message);
  return new AppError('internal', String(e));
}

/** Bytes a command answers with: an ArrayBuffer over the IPC protocol, numbers otherwise. */
function bytesOf(answer: ArrayBuffer | Uint8Array | number[]): Uint8Array {
  return answer instanceof Uint8Array ? answer : new Uint8Array(answer as ArrayBuffer);
}

/** An image's bytes as a data: URL, which needs no revoking and is kept for the run. */
export function dataUrl(mime: string, bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return `data:${mime};base64,${btoa(binary)}`;
}

// Step pictures and thumbnails never change under their names (a thumbnail is named by
// its photo's SHA-256): each is fetched once.
const images = new Map<string, Promise<string>>();
function image(key: string, mime: string, fetch: () => Promise<ArrayBuffer | number[]>): Promise<string> {
  let url = images.get(key);
  if (!url) {
    url = fetch().then((b) => dataUrl(mime, bytesOf(b)));
    url.catch(() => images.delete(key));
    images.set(key, url);
  }
  return url;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toAppError(e);
  }
}

export const api = {
  openRegister: () => call<RegisterInfo>('open_register'),
  searchPersons: (query: string, limit: number) => call<SearchResult>('search_persons', { query, limit }),
  personDetail: (id: string) => call<PersonDetail>('person_detail', { id }),
  onRegisterProgress: (handler: (p: RegisterProgress) => void): Promise<UnlistenFn> =>
    listen<RegisterProgress>('register-progress', (event) => handler(event.payload)),
  /** The demo ward made again as it first was; progress comes as `register-progress`. */
  resetDemo: () => call<RegisterInfo>('reset_demo'),
  trainingSubjects: () => call<TrainingSubjectsInfo>('training_subjects'),
  switchRegister: (demo: boolean) => call<RegisterInfo>('switch_register', { demo }),
  wardRegister: () => call<WardRegister>('ward_register'),
  findWards: (query: string) => call<WardChoice[]>('find_wards', { query }),
  importRegister: (file: string, wardCode: string | null, admin: NewAccount | null) =>
    call<ImportOutcome>('import_register', { file, wardCode, admin }),
  signIn: (login: string, password: string, pin: string | null) =>
    call<RegisterInfo>('sign_in', { login, password, pin }),
  lockRegister: () => call<LockInfo>('lock_register'),
  lockState: () => call<LockInfo>('lock_state'),
  unlockWithPin: (pin: string) => call<RegisterInfo>('unlock_with_pin', { pin }),
  signOut: () => call<null>('sign_out'),
  editField: (id: string, field: string, value: string | null, baseVersion: number) =>
    call<PersonDetail>('edit_field', { id, field, value, baseVersion }),
  syncStatus: () => call<SyncInfo>('sync_status'),
  syncNow: () => call<SyncInfo>('sync_now'),
  enrollDevice: (server: string, code: string, fingerprint: string) =>
    call<SyncInfo>('enroll_device', { server, code, fingerprint }),
  syncConflicts: () => call<ConflictInfo[]>('sync_conflicts'),
  syncRejected: () => call<RejectedInfo[]>('sync_rejected'),
  resolveConflict: (opId: string, choice: ConflictChoice) => call<null>('resolve_conflict', { opId, choice }),
  onSyncStatus: (handler: (s: SyncInfo) => void): Promise<UnlistenFn> =>
    listen<SyncInfo>('sync-status', (event) => handler(event.payload)),
  runReview: () => call<ReviewRunInfo>('run_review'),
  worklist: (query: WorklistQuery) => call<WorkItemInfo[]>('worklist', { query }),
  workItem: (id: number) => call<WorkItemInfo>('work_item', { id }),
  decideFinding: (id: number, decision: FindingDecision) => call<WorkItemInfo>('decide_finding', { id, decision }),
  fixFinding: (id: number, value: string | null, baseVersion: number) =>
    call<WorkItemInfo>('fix_finding', { id, value, baseVersion }),
  requestMerge: (findingId: number, keep: string, take: MergeTake[]) =>
    call<MergeInfo>('request_merge', { findingId, keep, take }),
  approveMerge: (mergeId: number) => call<MergeInfo>('approve_merge', { mergeId }),
  rejectMerge: (mergeId: number, reason: string) => call<MergeInfo>('reject_merge', { mergeId, reason }),
  undoMerge: (mergeId: number) => call<MergeInfo>('undo_merge', { mergeId }),
  mergesOf: (findingId: number) => call<MergeInfo[]>('merges_of', { findingId }),
  reviewProgress: () => call<GroupProgressInfo[]>('review_progress'),
  exportWorklist: (path: string, query: WorklistQuery) => call<number>('export_worklist', { path, query }),
  compareRecords: (keep: string, other: string) => call<FieldEvidence[]>('compare_records', { keep, other }),
  catalogInfo: () => call<CatalogSummary>('catalog_info'),
  procedures: () => call<ProcedureInfo[]>('procedures'),
  procedure: (code: string) => call<ProcedureInfo>('procedure', { code }),
  loadCatalog: (path: string) => call<CatalogSummary>('load_catalog', { path }),
  startApplication: (procedure: string, maBanGhi: string | null, channel: FilingChannel) =>
    call<ApplicationInfo>('start_application', { procedure, maBanGhi, channel }),
  application: (id: string) => call<ApplicationInfo>('application', { id }),
  applications: (query: ApplicationQuery) => call<ApplicationInfo[]>('applications', { query }),
  changeApplication: (id: string, edit: ApplicationEdit) => call<ApplicationInfo>('change_application', { id, edit }),
  markGuided: (id: string) => call<ApplicationInfo>('mark_guided', { id }),
  fileApplication: (id: string, portalNumber: string) => call<ApplicationInfo>('file_application', { id, portalNumber }),
  advanceApplication: (id: string, to: ApplicationState, reason: string | null) =>
    call<ApplicationInfo>('advance_application', { id, to, reason }),
  explainApplicationDelay: (id: string, reason: string) =>
    call<ApplicationInfo>('explain_application_delay', { id, reason }),
  /** Sends the photo's bytes as the raw body; what it belongs to goes in the headers. */
  attachPhoto: async (id: string, document: string, fileName: string, bytes: Uint8Array): Promise<AttachedPhotoInfo> => {
    const headers = { application: encodeURIComponent(id), document: encodeURIComponent(document), 'file-name': encodeURIComponent(fileName) };
    try {
      return await invoke<AttachedPhotoInfo>('attach_photo', bytes, { headers });
    } catch (e) {
      throw toAppError(e);
    }
  },
  thumbnailUrl: (sha256: string) =>
    image(`thumb:${sha256}`, 'image/jpeg', () => call<ArrayBuffer>('attachment_thumbnail', { sha256 })),
  stepPictureUrl: (name: string) => image(`step:${name}`, 'image/png', () => call<ArrayBuffer>('step_picture', { name })),
  vneidStatus: (maBanGhi: string) => call<VneidInfo>('vneid_status', { maBanGhi }),
  setVneid: (maBanGhi: string, change: VneidMove) => call<VneidInfo>('set_vneid', { maBanGhi, change }),
  vneidFailures: () => call<VneidFailureInfo[]>('vneid_failures'),
  newestScans: (folder: string) => call<ScanInfo[]>('newest_scans', { folder }),
  attachScan: (id: string, document: string, path: string) => call<AttachedPhotoInfo>('attach_scan', { id, document, path }),
  /** The system's folder picker; null when the officer cancels. */
  pickFolder: async (title: string): Promise<string | null> => {
    try {
      const picked = await openDialog({ title, multiple: false, directory: true });
      return typeof picked === 'string' ? picked : null;
    } catch (e) {
      throw toAppError(e);
    }
  },
  dashboard: (range: DayRange) => call<DashboardInfo>('dashboard', { range }),
  /** The whole ward's figures, from the ward server. */
  wardDashboard: (range: DayRange) => call<DashboardInfo>('ward_dashboard', { range }),
  figureApplications: (query: FigureQuery) => call<FigureListInfo>('figure_applications', { query }),
  /** `percent` in 0–100; `group` null for the whole ward. */
  setTarget: (group: string | null, percent: number) => call<null>('set_target', { group, percent }),
  /** Writes the report into the app's folder; the file's path. */
  writeReport: (range: DayRange, kind: ReportKind) => call<string>('write_report', { range, kind }),
  printGuide: (id: string) => call<string>('print_guide', { id }),
  printReceipt: (id: string) => call<string>('print_receipt', { id }),
  /** The system's file picker for a procedure catalog; null when the officer cancels. */
  pickCatalog: async (title: string, filterName: string): Promise<string | null> => {
    try {
      const picked = await openDialog({ title, multiple: false, directory: false, filters: [{ name: filterName, extensions: ['toml'] }] });
      return typeof picked === 'string' ? picked : null;
    } catch (e) {
      throw toAppError(e);
    }
  },
  onImportProgress: (handler: (p: ImportProgress) => void): Promise<UnlistenFn> =>
    listen<ImportProgress>('import-progress', (event) => handler(event.payload)),
  /** The system's file picker for an extract; null when the officer cancels. */
  pickExtract: async (title: string, filterName: string): Promise<string | null> => {
    try {
      const picked = await openDialog({ title, multiple: false, directory: false, filters: [{ name: filterName, extensions: ['csv', 'xlsx'] }] });
      return typeof picked === 'string' ? picked : null;
    } catch (e) {
      throw toAppError(e);
    }
  },
  /** The system's save dialog for the worklist (.xlsx or .csv); null when cancelled. */
  pickSavePath: async (title: string, filterName: string, defaultPath: string): Promise<string | null> => {
    try {
      const picked = await saveDialog({ title, defaultPath, filters: [{ name: filterName, extensions: ['xlsx', 'csv'] }] });
      return typeof picked === 'string' ? picked : null;
    } catch (e) {
      throw toAppError(e);
    }
  },
};
