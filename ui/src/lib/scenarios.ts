// The trainer's scenarios: real cases of the one-stop shop walked on the demo ward, each
// step a place on the screen (highlighted, F8 moves the focus there) and a sign on the
// screen that the step is done. Their words are in the translation files
// (`t.training.scenarios`), one text a step in the same order as the steps here.
import type { SubjectInfo } from './bindings/SubjectInfo';
import type { TrainingSubjectsInfo } from './bindings/TrainingSubjectsInfo';

export type ScenarioId = 'elderly_vneid' | 'year_only' | 'newborn_bundle' | 'moved_duplicate';
export const SCENARIOS: ScenarioId[] = ['elderly_vneid', 'year_only', 'newborn_bundle', 'moved_duplicate'];

/** What a step needs to know of the demo ward: the scenario's people. */
export type People = TrainingSubjectsInfo;

export interface Step {
  /** Where the officer acts (a CSS selector), or null for nothing to point at. */
  target: (p: People) => string | null;
  done: (doc: ParentNode, p: People) => boolean;
}

const has = (doc: ParentNode, selector: string) => doc.querySelector(selector) !== null;
const hit = (ma: string) => `[data-testid="search-hit"][data-ma="${ma}"]`;
const detail = (ma: string) => `[data-testid="person-detail"][data-ma="${ma}"]`;

/** The scenario's person; a step never runs without one (see `subjectOf`). */
function person(p: People, id: ScenarioId): SubjectInfo {
  const s = subjectOf(p, id);
  if (!s) throw new Error(`no person for ${id}`);
  return s;
}

/** Finding and opening a citizen: the first two steps of a walk at the desk. */
function openCitizen(id: ScenarioId): Step[] {
  return [
    { target: () => '[data-testid="search-input"]', done: (d, p) => has(d, hit(person(p, id).ma_ban_ghi)) },
    { target: (p) => hit(person(p, id).ma_ban_ghi), done: (d, p) => has(d, detail(person(p, id).ma_ban_ghi)) },
  ];
}

/** Starting a procedure from the citizen's detail. */
function startProcedure(code: string): Step[] {
  return [
    { target: () => '[data-testid="guide-start"]', done: (d) => has(d, '[data-testid="procedure-chooser"]') },
    {
      target: () => `[data-testid="procedure-option"][data-code="${code}"]`,
      done: (d) => has(d, '[data-testid="wizard-checks"]'),
    },
  ];
}

const phoneCheck = '[data-testid="check"][data-key="so_chinh_chu"]';

export const STEPS: Record<ScenarioId, Step[]> = {
  elderly_vneid: [
    ...openCitizen('elderly_vneid'),
    ...startProcedure('vneid_muc_2'),
    { target: () => `${phoneCheck} [data-testid="answer-no"]`, done: (d) => has(d, `${phoneCheck}[data-outcome="failed"]`) },
  ],
  year_only: [
    ...openCitizen('year_only'),
    {
      target: () => '[data-testid="field-edit"][data-field="ngay_sinh"]',
      done: (d) => has(d, '[data-testid="field-input"][data-field="ngay_sinh"]'),
    },
    {
      target: () => '[data-testid="field-input"][data-field="ngay_sinh"]',
      done: (d, p) => {
        const shown = d.querySelector(`${detail(person(p, 'year_only').ma_ban_ghi)} dd[data-field="ngay_sinh"]`);
        return /\d{1,2}\/\d{1,2}\/\d{4}/.test(shown?.textContent ?? '');
      },
    },
  ],
  newborn_bundle: [
    ...openCitizen('newborn_bundle'),
    ...startProcedure('lien_thong_khai_sinh'),
    {
      target: () => '[data-testid="wizard-tab"][data-tab="papers"]',
      done: (d) => has(d, '[data-testid="panel-papers"]:not([hidden])'),
    },
  ],
  moved_duplicate: [
    { target: () => '[data-testid="nav-review"]', done: (d) => has(d, '[data-testid="review-screen"]') },
    { target: () => '[data-testid="review-run"]', done: (d) => has(d, '[data-testid="review-ran"]') },
    {
      target: () => '[data-testid="filter-kind"]',
      done: (d) => {
        const rows = [...d.querySelectorAll<HTMLElement>('[data-testid="finding"]')];
        return rows.length > 0 && rows.every((r) => r.dataset.kind === 'duplicate');
      },
    },
    {
      target: (p) => {
        const [a, b] = p.moved_duplicate ?? [];
        return a && b ? `[data-testid="finding"][data-records="${a.ma_ban_ghi},${b.ma_ban_ghi}"]` : null;
      },
      done: (d) => has(d, '[data-testid="merge-view"]'),
    },
  ],
};

/** The person a scenario is about, if the demo ward has one. */
export function subjectOf(p: People, id: ScenarioId): SubjectInfo | null {
  switch (id) {
    case 'elderly_vneid':
      return p.elderly;
    case 'year_only':
      return p.year_only;
    case 'newborn_bundle':
      return p.mother;
    case 'moved_duplicate':
      return p.moved_duplicate?.[0] ?? null;
  }
}

/** Whether a scenario needs its people found again after a step (the duplicate is known
 *  only once the review ran). */
export const refreshAfter: Partial<Record<ScenarioId, number>> = { moved_duplicate: 1 };

/** Whether the scenario can start: its person is in the demo ward, or will be once an
 *  earlier step (the review) finds them. */
export function available(p: People, id: ScenarioId): boolean {
  return id === 'moved_duplicate' || subjectOf(p, id) !== null;
}

/** The first step not done yet, from `from` on; `steps.length` when every one is. */
export function nextStep(steps: Step[], from: number, doc: ParentNode, p: People): number {
  let i = from;
  while (i < steps.length) {
    try {
      if (!steps[i].done(doc, p)) break;
    } catch {
      break;
    }
    i++;
  }
  return i;
}
