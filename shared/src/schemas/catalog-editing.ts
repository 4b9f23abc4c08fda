import { z } from 'zod';
import { brokenRule, LocaleSchema } from './common.js';
import { AttributeDatatypeSchema, ServiceTypeSchema } from './service.js';

/**
 * The staff catalogue API (hub /api/catalog <-> console): a service's texts in every kiosk
 * language, its group, whether it needs a place, and its Open311 service definition (attributes
 * with their datatypes, order and value lists). The Open311 rules are checked here, so the
 * console and the hub refuse the same things.
 */

const LIST_DATATYPES: ReadonlySet<string> = new Set(['singlevaluelist', 'multivaluelist']);

export const ServiceTextsSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).default(''),
  /** Search words; Open311 renders them comma-separated, so a keyword has no comma. */
  keywords: z.array(z.string().trim().min(1).max(60).regex(/^[^,]+$/, 'a keyword may not contain a comma')).max(30).default([]),
});
export type ServiceTexts = z.infer<typeof ServiceTextsSchema>;

export const AttributeTextsSchema = z.object({
  description: z.string().trim().min(1).max(1000),
  datatypeDescription: z.string().trim().max(500).default(''),
});

export const AttributeValueEditSchema = z.object({
  /** Open311 keys are strings (open311.md pitfall 1). */
  key: z.string().trim().min(1).max(100),
  names: z.partialRecord(LocaleSchema, z.string().trim().min(1).max(200)),
});

export const AttributeEditSchema = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ only (at most 64)'),
    /** false: informational text only, nothing to answer. */
    variable: z.boolean(),
    datatype: AttributeDatatypeSchema,
    required: z.boolean(),
    /** Open311 `order`: a unique positive integer within the definition. */
    order: z.number().int().positive().max(1000),
    texts: z.partialRecord(LocaleSchema, AttributeTextsSchema),
    values: z.array(AttributeValueEditSchema).max(100).default([]),
  })
  .superRefine((attribute, ctx) => {
    const isList = LIST_DATATYPES.has(attribute.datatype);
    if (isList && attribute.values.length === 0) ctx.addIssue({ code: 'custom', path: ['values'], message: `a ${attribute.datatype} needs at least one value` });
    if (!isList && attribute.values.length > 0) ctx.addIssue({ code: 'custom', path: ['values'], message: `only list datatypes have values, not ${attribute.datatype}` });
    if (!attribute.variable && attribute.required) ctx.addIssue({ code: 'custom', path: ['required'], message: 'an informational attribute (variable: false) cannot be required' });
    const keys = attribute.values.map((value) => value.key);
    if (new Set(keys).size !== keys.length) ctx.addIssue({ code: 'custom', path: ['values'], message: 'value keys must be unique' });
  });
export type AttributeEdit = z.infer<typeof AttributeEditSchema>;

export const ServiceEditSchema = z
  .object({
    groupCode: z.string().trim().min(1).max(100),
    /** true: no place of its own, the office's address stands in (open311.md pitfall 6). */
    locationless: z.boolean(),
    texts: z.partialRecord(LocaleSchema, ServiceTextsSchema),
    attributes: z.array(AttributeEditSchema).max(50),
  })
  .superRefine((service, ctx) => {
    const codes = service.attributes.map((a) => a.code);
    if (new Set(codes).size !== codes.length) ctx.addIssue({ code: 'custom', path: ['attributes'], message: 'attribute codes must be unique', ...brokenRule('duplicate') });
    const orders = service.attributes.map((a) => a.order);
    if (new Set(orders).size !== orders.length) ctx.addIssue({ code: 'custom', path: ['attributes'], message: 'attribute order numbers must be unique' });
  });
export type ServiceEdit = z.infer<typeof ServiceEditSchema>;

/** One service in full, every language: what the editor loads and the PUT answers. */
export const StaffServiceSchema = z.object({
  code: z.string(),
  type: ServiceTypeSchema,
  active: z.boolean(),
  groupCode: z.string(),
  locationless: z.boolean(),
  texts: z.partialRecord(LocaleSchema, ServiceTextsSchema),
  attributes: z.array(
    z.object({
      code: z.string(),
      variable: z.boolean(),
      datatype: AttributeDatatypeSchema,
      required: z.boolean(),
      order: z.number().int(),
      texts: z.partialRecord(LocaleSchema, AttributeTextsSchema),
      values: z.array(AttributeValueEditSchema),
    }),
  ),
});
export type StaffService = z.infer<typeof StaffServiceSchema>;

export const ServiceGroupSchema = z.object({ code: z.string(), names: z.partialRecord(LocaleSchema, z.string()) });

export const StaffServiceListSchema = z.object({
  services: z.array(
    z.object({
      code: z.string(),
      active: z.boolean(),
      groupCode: z.string(),
      locationless: z.boolean(),
      /** In the municipality's language (the code when it has none). */
      name: z.string(),
      locales: z.array(LocaleSchema),
      attributeCount: z.number().int().nonnegative(),
    }),
  ),
  groups: z.array(ServiceGroupSchema),
});
export type StaffServiceList = z.infer<typeof StaffServiceListSchema>;
