/**
 * Minimal XML writing for the query and REST-XML protocols: escaping and model-less encoding of
 * plain values (objects → child elements, arrays → `<member>` items, Map → `<entry><key/><value/>`,
 * Date → ISO-8601, empty arrays → `<Name/>`, undefined/null → omitted).
 */

export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (char) =>
    char === '&' ? '&amp;' : char === '<' ? '&lt;' : char === '>' ? '&gt;' : char === '"' ? '&quot;' : char === "'" ? '&apos;' : '&#xD;',
  );
}

export function xmlElement(name: string, inner: string): string {
  return inner === '' ? `<${name}/>` : `<${name}>${inner}</${name}>`;
}

function scalarText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  return escapeXml(String(value));
}

/** Encodes the children of an element from a value (the element's own tag is the caller's). */
export function encodeXmlValue(value: unknown, listItemName = 'member'): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    return value.map((item) => xmlElement(listItemName, encodeXmlValue(item, listItemName))).join('');
  }
  if (value instanceof Map) {
    let out = '';
    for (const [key, item] of value) {
      out += `<entry>${xmlElement('key', scalarText(key))}${xmlElement('value', encodeXmlValue(item, listItemName))}</entry>`;
    }
    return out;
  }
  if (typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    let out = '';
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item === undefined || item === null) continue;
      out += xmlElement(key, encodeXmlValue(item, listItemName));
    }
    return out;
  }
  return scalarText(value);
}
