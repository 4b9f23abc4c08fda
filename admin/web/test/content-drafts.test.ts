import { describe, expect, it } from 'vitest';
import { ContentUpdateSchema, ServiceEditSchema } from '@kiosk/shared';
import { draftOf, emptyDraft, localeState, toUpdate, withText } from '../src/pages/content/draft';
import { versionChanges } from '../src/pages/content/diff';
import { blankAttribute, blankValue, editProblems, serviceDraftOf, toServiceEdit } from '../src/pages/content/catalog-draft';

// The content editor's form logic, without a browser: what it sends the hub must pass the shared
// schemas the hub validates with, blank languages stay missing (never saved as empty texts), and
// the versions list names exactly the fields that changed.

describe('content drafts', () => {
  it('sends only the languages written, what-to-bring as lines, and passes the hub schema', () => {
    let draft = emptyDraft('procedure');
    for (const [field, value] of Object.entries({ title: 'Padrón', summary: 'Resumen', whatToBring: ' DNI \n\n Contrato ', cost: 'Gratis', duration: 'Al momento', where: 'Oficina', responsible: 'Padrón', easyRead: 'Fácil.' })) {
      draft = withText(draft, 'es', field, value);
    }
    const update = toUpdate(draft);
    expect(Object.keys(update.translations)).toEqual(['es']);
    expect(update.translations.es).toMatchObject({ whatToBring: ['DNI', 'Contrato'], title: 'Padrón' });
    expect(ContentUpdateSchema.safeParse({ ...update, version: 1 }).success).toBe(true);
  });

  it('tells complete, missing and half-written languages apart; an empty FAQ easy-read is null', () => {
    const draft = withText(withText(emptyDraft('faq'), 'es', 'question', '¿Qué?'), 'es', 'answer', 'Esto.');
    expect(localeState('faq', draft.texts.es)).toBe('complete');
    expect(localeState('faq', draft.texts.ar)).toBe('missing');
    expect(localeState('faq', withText(draft, 'ar', 'question', 'ماذا؟').texts.ar)).toBe('incomplete');
    expect(toUpdate(draft).translations.es).toEqual({ question: '¿Qué?', answer: 'Esto.', easyRead: null });
  });

  it('round-trips a stored entry unchanged', () => {
    const stored = { kind: 'faq' as const, serviceCode: 'litter', translations: { es: { question: 'P', answer: 'R', easyRead: null }, ar: { question: 'س', answer: 'ج', easyRead: 'سهل' } } };
    expect(toUpdate(draftOf(stored))).toEqual(stored);
  });

  it('names the changed fields per language, and languages added or removed', () => {
    const before = { es: { question: 'P', answer: 'R', easyRead: null }, en: { question: 'Q', answer: 'A', easyRead: null } };
    const after = { es: { question: 'P', answer: 'R2', easyRead: 'Fácil' }, ar: { question: 'س', answer: 'ج', easyRead: null } };
    expect(versionChanges(before, after)).toEqual([
      { locale: 'es', change: 'edited', fields: ['answer', 'easyRead'] },
      { locale: 'en', change: 'removed' },
      { locale: 'ar', change: 'added' },
    ]);
    expect(versionChanges(before, before)).toEqual([]);
  });
});

describe('service drafts', () => {
  const stored = {
    code: 'litter',
    type: 'realtime' as const,
    active: true,
    groupCode: 'street',
    locationless: false,
    texts: { es: { name: 'Limpieza', description: 'Basura', keywords: ['basura', 'contenedor'] } },
    attributes: [{ code: 'BAG_COUNT', variable: true, datatype: 'number' as const, required: false, order: 2, texts: { es: { description: '¿Cuántas bolsas?', datatypeDescription: '' } }, values: [] }],
  };

  it('round-trips a stored service into a body the hub schema accepts', () => {
    const edit = toServiceEdit(serviceDraftOf(stored));
    expect(edit).toEqual({ groupCode: 'street', locationless: false, texts: stored.texts, attributes: stored.attributes });
    expect(ServiceEditSchema.safeParse(edit).success).toBe(true);
    expect(editProblems(serviceDraftOf(stored))).toEqual([]);
  });

  it('flags a list question without options and a repeated order, as the hub would', () => {
    const draft = serviceDraftOf(stored);
    const list = { ...blankAttribute(3), code: 'FULL', datatype: 'singlevaluelist' as const, texts: { ...blankAttribute(3).texts, es: { description: '¿Lleno?', datatypeDescription: '' } } };
    expect(editProblems({ ...draft, attributes: [...draft.attributes, list] })).toEqual(['attributes.1.values']);
    const withValue = { ...list, values: [{ ...blankValue(), key: 'yes', names: { ...blankValue().names, es: 'Sí' } }] };
    expect(editProblems({ ...draft, attributes: [...draft.attributes, withValue] })).toEqual([]);
    expect(editProblems({ ...draft, attributes: [...draft.attributes, { ...withValue, order: '2' }] })).toEqual(['attributes']);
  });
});
