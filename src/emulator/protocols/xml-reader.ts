/**
 * A small, strict-enough XML reader for request bodies the emulator receives (S3 bucket
 * configuration documents). Elements with element children become objects (repeated names become
 * arrays), leaf elements become strings; attributes, comments and the prolog are ignored.
 */

export type XmlNode = string | { [name: string]: XmlNode | XmlNode[] };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity === 'amp') return '&';
    if (entity === 'lt') return '<';
    if (entity === 'gt') return '>';
    if (entity === 'quot') return '"';
    if (entity === 'apos') return "'";
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
  });
}

/** Parses a document; returns its root element's name and content. Throws on malformed input. */
export function parseXml(text: string): { name: string; value: XmlNode } {
  let pos = 0;
  const skipMisc = () => {
    for (;;) {
      while (pos < text.length && /\s/.test(text[pos]!)) pos++;
      if (text.startsWith('<?', pos)) pos = text.indexOf('?>', pos) + 2;
      else if (text.startsWith('<!--', pos)) pos = text.indexOf('-->', pos) + 3;
      else return;
      if (pos < 2) throw new Error('unterminated XML declaration or comment');
    }
  };
  const parseElement = (): { name: string; value: XmlNode } => {
    const open = /^<([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(text.slice(pos));
    if (!open) throw new Error(`expected an element at offset ${pos}`);
    pos += open[0].length;
    const name = open[1]!.replace(/^.*:/, '');
    if (open[3] === '/') return { name, value: '' };
    const children: Record<string, XmlNode | XmlNode[]> = {};
    let hasChildren = false;
    let textContent = '';
    for (;;) {
      if (pos >= text.length) throw new Error(`unterminated element <${name}>`);
      if (text.startsWith('</', pos)) {
        const close = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(text.slice(pos));
        if (!close || close[1]!.replace(/^.*:/, '') !== name) throw new Error(`mismatched closing tag for <${name}>`);
        pos += close[0].length;
        return { name, value: hasChildren ? children : decodeEntities(textContent) };
      }
      if (text.startsWith('<!--', pos)) {
        const end = text.indexOf('-->', pos);
        if (end < 0) throw new Error('unterminated comment');
        pos = end + 3;
        continue;
      }
      if (text.startsWith('<![CDATA[', pos)) {
        const end = text.indexOf(']]>', pos);
        if (end < 0) throw new Error('unterminated CDATA');
        textContent += text.slice(pos + 9, end);
        pos = end + 3;
        continue;
      }
      if (text[pos] === '<') {
        const child = parseElement();
        hasChildren = true;
        const existing = children[child.name];
        if (existing === undefined) children[child.name] = child.value;
        else if (Array.isArray(existing)) existing.push(child.value);
        else children[child.name] = [existing, child.value];
        continue;
      }
      const next = text.indexOf('<', pos);
      textContent += text.slice(pos, next < 0 ? text.length : next);
      pos = next < 0 ? text.length : next;
    }
  };
  skipMisc();
  const root = parseElement();
  skipMisc();
  if (pos < text.length) throw new Error('content after the root element');
  return root;
}
