// The areas of the app, in sidebar order; Alt+1..Alt+7 follow this order.
import { t } from './strings';

export type AreaId = keyof typeof t.areas;

export interface Area {
  id: AreaId;
  label: string;
}

const order: AreaId[] = ['search', 'register', 'review', 'procedures', 'stats', 'sync', 'settings'];

export const areas: Area[] = order.map((id) => ({ id, label: t.areas[id] }));
