/** The desk's JSON columns decode what the desk writes, and a row without the promised shape fails loudly. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CorruptRowError } from '../../core/db/json.ts';
import { applicantJson, applicantName, componentsJson, eventDataJson, feeLinesJson, ownerJson } from './columns.ts';

test('an applicant round-trips; texts absent in an older row read as empty', () => {
  const a = {
    kind: 'citizen' as const,
    fullName: 'Nguyễn Văn An',
    idNumber: '001099012345',
    phone: '0912345678',
    email: '',
    address: 'Thôn Đông',
    orgName: '',
    taxCode: '',
  };
  assert.deepEqual(applicantJson.decode(applicantJson.encode(a)), a);
  assert.deepEqual(
    applicantJson.decode('{"kind":"organization","fullName":"Trần Thị Bình","orgName":"HTX Hòa Bình"}'),
    {
      kind: 'organization',
      fullName: 'Trần Thị Bình',
      idNumber: '',
      phone: '',
      email: '',
      address: '',
      orgName: 'HTX Hòa Bình',
      taxCode: '',
    },
  );
  assert.equal(ownerJson.decodeNullable(null), null);
  assert.equal(applicantName(applicantJson.decode('{"kind":"organization","fullName":"B","orgName":"HTX"}')), 'HTX');
  assert.equal(applicantName(applicantJson.decode('{"kind":"organization","fullName":"B"}')), 'B');
});

test('a corrupt dossier column names itself', () => {
  assert.throws(
    () => applicantJson.decode('{"fullName":"A"}'),
    (e: unknown) => {
      assert.ok(e instanceof CorruptRowError);
      assert.equal(e.column, 'dossier.applicant');
      return true;
    },
  );
  assert.throws(() => ownerJson.decode('not json'), /dossier\.owner/);
  assert.throws(() => componentsJson.decode('[{"name":"Tờ khai","originals":"1"}]'), /dossier\.components/);
  assert.throws(() => eventDataJson.decode('[1,2]'), /dossier_event\.data/);
  assert.throws(() => feeLinesJson.decode('{"lines":[{"item":0}]}'), /dossier\.fee_lines/);
});

test('components, event data and fee lines decode as written', () => {
  const components = [
    {
      name: 'Tờ khai',
      requirement: 'required' as const,
      shown: false,
      originals: 1,
      certifiedCopies: 0,
      copies: 0,
      digitised: true,
      reused: false,
    },
  ];
  assert.deepEqual(componentsJson.decode(componentsJson.encode(components)), components);
  assert.deepEqual(eventDataJson.decode('{"reason":"Thiếu giấy tờ","components":["CCCD"]}'), {
    reason: 'Thiếu giấy tờ',
    components: ['CCCD'],
  });
  const fee = {
    lines: [{ item: 0, name: 'Lệ phí', per: 'bản', quantity: 2, unitAmount: 8000, amount: 16000 }],
    capped: false,
  };
  assert.deepEqual(feeLinesJson.decode(feeLinesJson.encode(fee)), fee);
});
