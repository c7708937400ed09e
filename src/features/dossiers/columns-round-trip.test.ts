import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CorruptRowError } from '../../core/db/json.ts';
import { applicantJson, componentsJson, eventDataJson, ownerJson } from './columns.ts';

const person = {
  kind: 'citizen',
  fullName: 'Nguyễn Văn An',
  idNumber: '',
  phone: '',
  email: '',
  address: '',
  orgName: '',
  taxCode: '',
};

test('the desk’s JSON columns decode what the desk writes', () => {
  assert.deepEqual(applicantJson.decode(JSON.stringify(person)), person);
  assert.equal(ownerJson.decodeNullable(null), null);
  const components = [{ name: 'Tờ khai', originals: 1, copies: 0, digitised: true, reused: false, shown: false }];
  assert.deepEqual(componentsJson.decode(JSON.stringify(components)), components);
  assert.deepEqual(eventDataJson.decode('{"dueAt":"2026-11-25T10:00:00.000Z"}'), { dueAt: '2026-11-25T10:00:00.000Z' });
});

test('a row that is not what its column promises fails loudly, naming the column', () => {
  assert.throws(
    () => applicantJson.decode('{"kind":"robot"}'),
    (e: unknown) => {
      assert.ok(e instanceof CorruptRowError);
      assert.equal(e.column, 'dossier.applicant');
      return true;
    },
  );
  assert.throws(() => componentsJson.decode('[{"name":"x"}]'), CorruptRowError);
  assert.throws(() => eventDataJson.decode('[1]'), CorruptRowError);
  assert.throws(() => ownerJson.decode('not json'), CorruptRowError);
});
