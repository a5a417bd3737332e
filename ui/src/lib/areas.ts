// The areas of the app, in sidebar order; Alt+1..Alt+7 follow this order.
import { t } from './strings';

export type AreaId = keyof typeof t.areas;

export interface Area {
  id: AreaId;
  label: string;
  built: boolean;
  /** For areas not built yet: what they will do, said plainly. */
  plan: string;
}

const order: AreaId[] = ['search', 'register', 'review', 'procedures', 'stats', 'sync', 'settings'];
const built: ReadonlySet<AreaId> = new Set(['search', 'register', 'review', 'procedures', 'sync', 'settings']);

export const areas: Area[] = order.map((id) => ({ id, built: built.has(id), ...t.areas[id] }));
