/**
 * The receipts both independent libraries encode: Spanish, Catalan and French text with every
 * character our receipts need beyond ASCII (ñ á é í ó ú ü ç à è ò ï · € ¿ ¡), a bold double-size
 * title, centred and right-aligned lines, a QR code and a cut. QR payloads stay ASCII (DESIGN.md).
 */
export interface SampleDocument {
  readonly name: string;
  readonly title: string;
  /** Left-aligned body lines, each short enough or long enough to make the library wrap. */
  readonly body: readonly string[];
  readonly centred: string;
  readonly right: string;
  readonly qr: string;
}

export const DOCUMENTS: readonly SampleDocument[] = [
  {
    name: 'Spanish',
    title: 'Ayuntamiento',
    body: [
      'Justificante de solicitud: año 2025, niño, pingüino.',
      '¿Qué pasa después? ¡Respuesta en 10 días hábiles como máximo! Tasa: 5,00 €. Acción, túnel, cómo, güe.',
    ],
    centred: 'Oficina de Atención Ciudadana',
    right: 'Total 12,50 €',
    qr: 'https://villademo.es/s/K7QM000A4R?t=Zx81',
  },
  {
    name: 'Catalan',
    title: 'Ajuntament',
    body: [
      'Justificant de sol·licitud a la Plaça del Vi.',
      'Què passarà ara? Rebreu resposta en deu dies; col·lecció, veïna, sòl, pàgina, camió, Ramon Llull.',
    ],
    centred: "Oficina d'Atenció Ciutadana",
    right: 'Taxa 5,00 €',
    qr: 'https://villademo.es/s/B3ZX00017Q',
  },
  {
    name: 'French',
    title: 'Mairie',
    body: [
      "Reçu de demande: l'agent répondra à votre requête.",
      'Ça a été déçu mais naïve, très bientôt à la fenêtre. Où est le maïs? Frais: 3,20 €. Noël, aigüe, garçon.',
    ],
    centred: 'Accueil des citoyens',
    right: 'Payé 3,20 €',
    qr: 'HTTPS://VILLADEMO.ES/S/FR0000042X',
  },
];
