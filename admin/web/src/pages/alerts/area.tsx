import type { ConsoleArea } from '../../shell/area';
import { InboxPage } from './InboxPage';
import { RulesPage } from './RulesPage';
import { WebhookPage } from './WebhookPage';
import './alerts.css';

/** Kiosk alerts: the inbox (with staff calls), the rules that open alerts, the webhook they go to. */
export const alertsArea: ConsoleArea = {
  id: 'alerts',
  path: 'alerts',
  roles: ['admin', 'operator', 'viewer'],
  routes: [
    { index: true, element: <InboxPage /> },
    { path: 'rules', element: <RulesPage /> },
    { path: 'webhook', element: <WebhookPage /> },
  ],
};
