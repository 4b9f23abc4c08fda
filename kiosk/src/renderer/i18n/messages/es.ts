/**
 * Spanish, the default language and the source of truth for keys: every other locale is typed
 * `Messages`, so a missing or extra key fails the typecheck (and test/renderer/i18n.test.ts).
 * Plural-free phrasing on purpose ("Segundos: 5"), so every language has the same keys.
 */
export const es = {
  topBar: {
    title: 'Punto de atención ciudadana',
    language: 'Idioma',
    startOver: 'Empezar de nuevo',
    chooseLanguage: 'Elija su idioma',
    close: 'Cerrar',
  },
  attract: {
    title: 'Hola. Aquí puede hacer sus gestiones sin esperar cola.',
    canDo: 'En este punto puede:',
    canFileRequest: 'Presentar una queja, una incidencia o una sugerencia, y llevarse un justificante con un código.',
    start: 'Toque aquí para empezar',
  },
  language: {
    title: 'Elija su idioma',
  },
  home: {
    title: '¿Qué quiere hacer?',
    fileRequest: 'Presentar una solicitud',
    fileRequestHint: 'Queja, incidencia o sugerencia',
  },
  services: {
    title: '¿Sobre qué trata su solicitud?',
    loading: 'Cargando los temas…',
    unavailable: 'Ahora mismo no podemos mostrar los temas.',
    retry: 'Volver a intentarlo',
    stale: 'Esta lista puede no estar al día.',
    previousPage: 'Anteriores',
    nextPage: 'Más temas',
    page: 'Página {{page}} de {{pages}}',
  },
  describe: {
    title: 'Cuéntenos qué ocurre',
    hint: 'Diga qué pasa y dónde. Puede usar el teclado de la pantalla.',
    label: 'Descripción',
    counter: 'Caracteres: {{count}} de {{max}}',
    problemEmpty: 'Escriba qué ocurre antes de continuar.',
    problemTooLong: 'El texto es demasiado largo. Puede escribir como máximo {{max}} caracteres.',
    problemMarkup: 'Quite los signos < y > del texto, por favor.',
  },
  keyboard: {
    name: 'Teclado en pantalla',
    backspace: 'Borrar',
    shift: 'Mayúsculas',
    space: 'Espacio',
    accents: 'áéñ',
    accentsName: 'Letras con acento',
    letters: 'abc',
    lettersName: 'Letras sin acento',
    arabic: 'عربي',
    arabicName: 'Teclado árabe',
    latin: 'ABC',
    latinName: 'Teclado latino',
  },
  review: {
    title: 'Revise su solicitud',
    service: 'Tema',
    description: 'Descripción',
    edit: 'Cambiar el texto',
    submit: 'Enviar la solicitud',
    note: 'Al enviarla, se imprimirá un justificante.',
  },
  submitting: {
    title: 'Enviando su solicitud…',
    hint: 'Un momento, por favor.',
  },
  done: {
    title: 'Su solicitud está registrada',
    referenceLabel: 'Su código de referencia',
    receiptPrinted: 'Recoja su justificante impreso.',
    receiptFailed: 'No se ha podido imprimir el justificante. Anote su código.',
    receiptUnknown: 'No sabemos si el justificante se ha impreso. Anote su código por si acaso.',
    receiptSkipped: 'No se ha impreso justificante. Anote su código.',
    syncSent: 'La solicitud ya ha llegado al ayuntamiento.',
    syncQueued: 'La solicitud está guardada en este punto y se enviará en cuanto haya conexión. No tiene que hacer nada más.',
    qrLabel: "Código QR para consultar el estado de su solicitud",
    qrHint: "Fotografíe este código con el móvil para consultar el estado.",
    finish: 'Terminar',
  },
  failed: {
    title: 'No hemos podido registrar su solicitud',
    transport: 'Este punto ha perdido la conexión un momento.',
    storeFailed: 'Este punto no ha podido guardar la solicitud.',
    other: 'Algo no ha funcionado como debía.',
    whatNext: 'Puede volver a intentarlo. Si vuelve a fallar, pida ayuda al personal.',
    retry: 'Volver a intentarlo',
    home: 'Volver al inicio',
  },
  goodbye: {
    title: 'Gracias',
    body: 'Que tenga un buen día.',
    finish: 'Salir',
  },
  idle: {
    title: '¿Sigue ahí?',
    body: 'Por su privacidad, cerraremos la sesión y borraremos lo que ha escrito.',
    countdown: 'Segundos restantes: {{seconds}}',
    extend: 'Sí, necesito más tiempo',
  },
  common: {
    back: 'Atrás',
    next: 'Continuar',
  },
  unavailable: {
    title: 'Este punto no está disponible ahora',
    body: 'Por favor, pida ayuda al personal.',
  },
};

export type Messages = typeof es;
