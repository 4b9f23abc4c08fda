import type { ConsoleArea } from '../../shell/area';
import { AuditPage } from './AuditPage';
import { UsersPage } from './UsersPage';
import './users.css';

/** Users and audit (admins only): staff accounts, and the log of who did what. */
export const usersArea: ConsoleArea = {
  id: 'users',
  path: 'users',
  roles: ['admin'],
  routes: [
    { index: true, element: <UsersPage /> },
    { path: 'audit', element: <AuditPage /> },
  ],
};
