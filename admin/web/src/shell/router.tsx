import { createBrowserRouter, Navigate, Outlet, type RouteObject } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Layout } from './Layout';
import { RequireRole } from './RequireRole';
import { AREAS } from './areas';
import { useCurrentUser } from '../api/session';
import { EnrolPage } from '../pages/fleet/EnrolPage';

/** The console lives under /console (the hub serves index.html for every path below it). */
export const CONSOLE_BASE = '/console';

function Home() {
  const { t } = useTranslation('common');
  const me = useCurrentUser();
  const first = AREAS.find((area) => area.roles.includes(me.role));
  return first ? <Navigate to={`/${first.path}`} replace /> : <p>{t('welcome')}</p>;
}

function NotFound() {
  const { t } = useTranslation('common');
  return <p role="alert">{t('notFound')}</p>;
}

export function consoleRoutes(): RouteObject[] {
  return [
    {
      path: '/',
      element: <Layout />,
      children: [
        { index: true, element: <Home /> },
        ...AREAS.map((area) => ({
          path: area.path,
          element: <RequireRole roles={area.roles}><OutletOf /></RequireRole>,
          children: area.routes,
        })),
        { path: 'enrol', element: <EnrolPage /> },
        { path: '*', element: <NotFound /> },
      ],
    },
  ];
}

function OutletOf() {
  return <Outlet />;
}

export function createConsoleRouter() {
  return createBrowserRouter(consoleRoutes(), { basename: CONSOLE_BASE });
}
