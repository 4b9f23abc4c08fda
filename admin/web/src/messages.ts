import { CONSOLE_LOCALES } from '@kiosk/shared';

type ConsoleLocale = (typeof CONSOLE_LOCALES)[number];

/** Every string the console shows, per staff language (issue 7 moves this to i18next). */
const messages = {
  es: { title: 'Consola del ayuntamiento', username: 'Usuario', password: 'Contraseña', signIn: 'Entrar', signOut: 'Salir', signInFailed: 'Usuario o contraseña incorrectos. Inténtelo de nuevo.', cases: 'Solicitudes recientes', reference: 'Referencia', service: 'Servicio', status: 'Estado', channel: 'Canal', received: 'Recibida', none: 'Todavía no hay solicitudes.', loadFailed: 'No se pudieron cargar las solicitudes. Recargue la página.' },
  ca: { title: 'Consola de l’ajuntament', username: 'Usuari', password: 'Contrasenya', signIn: 'Entra', signOut: 'Surt', signInFailed: 'Usuari o contrasenya incorrectes. Torneu-ho a provar.', cases: 'Sol·licituds recents', reference: 'Referència', service: 'Servei', status: 'Estat', channel: 'Canal', received: 'Rebuda', none: 'Encara no hi ha sol·licituds.', loadFailed: 'No s’han pogut carregar les sol·licituds. Torneu a carregar la pàgina.' },
  eu: { title: 'Udalaren kontsola', username: 'Erabiltzailea', password: 'Pasahitza', signIn: 'Sartu', signOut: 'Irten', signInFailed: 'Erabiltzailea edo pasahitza okerra. Saiatu berriro.', cases: 'Azken eskaerak', reference: 'Erreferentzia', service: 'Zerbitzua', status: 'Egoera', channel: 'Kanala', received: 'Jasota', none: 'Oraindik ez dago eskaerarik.', loadFailed: 'Ezin izan dira eskaerak kargatu. Kargatu berriro orria.' },
  gl: { title: 'Consola do concello', username: 'Usuario', password: 'Contrasinal', signIn: 'Entrar', signOut: 'Saír', signInFailed: 'Usuario ou contrasinal incorrectos. Ténteo de novo.', cases: 'Solicitudes recentes', reference: 'Referencia', service: 'Servizo', status: 'Estado', channel: 'Canle', received: 'Recibida', none: 'Aínda non hai solicitudes.', loadFailed: 'Non se puideron cargar as solicitudes. Recargue a páxina.' },
  en: { title: 'Town hall console', username: 'Username', password: 'Password', signIn: 'Sign in', signOut: 'Sign out', signInFailed: 'Wrong username or password. Please try again.', cases: 'Recent requests', reference: 'Reference', service: 'Service', status: 'Status', channel: 'Channel', received: 'Received', none: 'No requests yet.', loadFailed: 'The requests could not be loaded. Reload the page.' },
} satisfies Record<ConsoleLocale, Record<string, string>>;

export type MessageKey = keyof (typeof messages)['es'];

export function pickLocale(preferred: readonly string[]): ConsoleLocale {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    if ((CONSOLE_LOCALES as readonly string[]).includes(base)) return base as ConsoleLocale;
  }
  return 'es';
}

export function translator(locale: ConsoleLocale): (key: MessageKey) => string {
  return (key) => messages[locale][key];
}
