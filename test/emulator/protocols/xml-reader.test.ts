import { expect, it } from 'vitest';
import { parseXml } from '../../../src/emulator/protocols/xml-reader.js';

it('reads nested elements, repeated names as arrays, entities and CDATA', () => {
  const doc = parseXml(
    '<?xml version="1.0" encoding="UTF-8"?>\n<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      '<Object><Key>a&amp;b</Key></Object><Object><Key><![CDATA[<c>]]></Key></Object><Quiet>true</Quiet><Empty/></Delete>',
  );
  expect(doc).toEqual({ name: 'Delete', value: { Object: [{ Key: 'a&b' }, { Key: '<c>' }], Quiet: 'true', Empty: '' } });
});

it.each(['<a><b></a>', '<a>', 'text', '<a></a><b/>'])('rejects malformed %j', (text) => {
  expect(() => parseXml(text)).toThrow();
});
