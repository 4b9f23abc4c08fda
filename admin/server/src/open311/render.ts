import type { FastifyReply, FastifyRequest } from 'fastify';
import { XMLBuilder } from 'fast-xml-parser';

export const OPEN311_FORMATS = ['json', 'xml'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** Characters XML 1.0 forbids even escaped; a stray one would make the whole document unreadable. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export type Open311Value = string | number | boolean | null | Open311Value[] | { [key: string]: Open311Value };

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false });

function xmlSafe(value: Open311Value): Open311Value {
  if (value === null) return '';
  if (typeof value === 'string') return value.replace(XML_FORBIDDEN, '');
  if (Array.isArray(value)) return value.map(xmlSafe);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlSafe(v)]));
  return value;
}

export function toXml(root: string, body: Open311Value): string {
  return `${XML_DECLARATION}\n${builder.build({ [root]: xmlSafe(body) })}`;
}

/**
 * A list answer. XML wraps each item in `item` inside `container`, even for one item or none
 * (open311.md pitfall 4); JSON is the bare array (the "Spark convention").
 */
export function sendList(
  reply: FastifyReply,
  format: Open311Format,
  container: string,
  item: string,
  items: readonly { [key: string]: Open311Value }[],
): FastifyReply {
  if (format === 'xml') {
    return reply.type('text/xml; charset=utf-8').send(toXml(container, { [item]: [...items] }));
  }
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(items));
}

/** A single document (discovery): an object in both formats. */
export function sendDocument(
  reply: FastifyReply,
  format: Open311Format,
  root: string,
  body: { [key: string]: Open311Value },
): FastifyReply {
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(toXml(root, body));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
}

/** The format a URL asks for (`.../services.xml`); JSON when it names none we serve. */
export function formatOfUrl(request: FastifyRequest): Open311Format {
  const path = request.url.split('?')[0] ?? '';
  return path.toLowerCase().endsWith('.xml') ? 'xml' : 'json';
}

/** Splits `K7QM-000A4-R.json` into the name and a known format, or null. */
export function splitFormat(file: string): { name: string; format: Open311Format } | null {
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return null;
  const format = file.slice(dot + 1).toLowerCase();
  if (format !== 'json' && format !== 'xml') return null;
  return { name: file.slice(0, dot), format };
}
