import type { ConsoleArea } from '../../shell/area';
import { ContentListPage } from './ContentListPage';
import { EditorPage, NewEntryPage } from './EditorPage';
import { ServicesPage } from './ServicesPage';
import { ServiceEditorPage } from './ServiceEditorPage';
import './content.css';

/** FAQ entries, procedure sheets and the service catalogue, edited in every kiosk language. */
export const contentArea: ConsoleArea = {
  id: 'content',
  path: 'content',
  roles: ['admin', 'editor'],
  routes: [
    { index: true, element: <ContentListPage /> },
    { path: 'entries/:id', element: <EditorPage /> },
    { path: 'new/:kind', element: <NewEntryPage /> },
    { path: 'services', element: <ServicesPage /> },
    { path: 'services/:code', element: <ServiceEditorPage /> },
  ],
};
