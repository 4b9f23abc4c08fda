import type { ConsoleArea } from '../../shell/area';
import { FiguresPage } from './FiguresPage';
import './figures.css';

/** Usage and service figures (counts only): journeys, kiosks, languages, searches, satisfaction, SLA. */
export const figuresArea: ConsoleArea = {
  id: 'figures',
  path: 'figures',
  roles: ['admin', 'editor', 'operator', 'viewer'],
  routes: [{ index: true, element: <FiguresPage /> }],
};
