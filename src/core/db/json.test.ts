import { test } from 'node:test';
import assert from 'node:assert/strict';
import Type from 'typebox';
import { CorruptRowError, jsonCodec, schemaCodec } from './json.ts';

const tags = schemaCodec('thing.tags', Type.Array(Type.String()));

test('a schema codec round-trips a value of its shape', () => {
  assert.deepEqual(tags.decode(tags.encode(['a', 'Hộ tịch'])), ['a', 'Hộ tịch']);
  assert.equal(tags.decodeNullable(null), null);
});

test('a stored value of the wrong shape fails loudly, naming the column', () => {
  assert.throws(
    () => tags.decode('[1]'),
    (e: unknown) => e instanceof CorruptRowError && e.column === 'thing.tags' && e.message.includes('/0'),
  );
  assert.throws(() => tags.decode('{"a":'), CorruptRowError);
  assert.throws(() => tags.decode('null'), CorruptRowError);
});

test("a feature's own validator checks, and its canonical writer writes", () => {
  const upper = jsonCodec(
    'thing.name',
    (v) => {
      if (typeof v !== 'string') throw new Error('not a name');
      return v.normalize('NFC');
    },
    (v) => JSON.stringify(v.toUpperCase()),
  );
  assert.equal(upper.encode('ab'), '"AB"');
  assert.equal(upper.decode('"Nguyễn"'), 'Nguyễn');
  assert.throws(
    () => upper.decode('42'),
    (e: unknown) => e instanceof CorruptRowError && e.message.includes('not a name'),
  );
});
