import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Client } from 'fhir-kit-client';
import type { Bundle, Claim, ClaimResponse, Patient, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/engines.js';
import { PASSWORD, testApp, type TestApp } from '../../../test/app.js';
import { consultationCentre, garmentProduct, paidMonth, QUIET_POLICY } from '../../../test/fixtures.js';
import { fhirErrors } from '../../../test/fhir-schema.js';
import { today } from '../../platform/dates.js';
import { system } from './systems.js';

/**
 * The FHIR server as a facility's system uses it: through fhir-kit-client over real HTTP, every
 * resource it answers checked against the official FHIR R4 JSON schema.
 */
describe.each(engines)('FHIR R4 on %s', (engine) => {
  let t: TestApp;
  let server: ServerType;
  let base: string;
  let admin: string;
  let agent: string;
  let registrar: string;
  let limited: string;
  let stranger: string;
  let schemeId: string;
  let worker: { id: string; memberNumber: string; householdId: string };
  let child: { id: string; memberNumber: string };
  let centre: { id: string };
  let product: { id: string };
  let employer: { id: string };
  const month = today().slice(0, 7);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const previous = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const careDay = `${previous}-10`;

  const client = (token?: string) => new Client({ baseUrl: base, ...(token ? { bearerToken: token } : {}) });
  /** What the client throws on an error answer: the status and the OperationOutcome. */
  const failure = async (p: Promise<unknown>) => {
    const err = (await p.then(
      () => {
        throw new Error('expected a refusal');
      },
      (e) => e,
    )) as { response?: { status: number; data: any } };
    if (!err.response) throw err;
    return err.response;
  };
  const valid = (r: unknown) => {
    expect(fhirErrors(r as Resource)).toEqual([]);
    return r as any;
  };
  const post = async (url: string, body: unknown, as = admin) => {
    const res = await t.call('POST', url, { token: as, body });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const fhirClaim = (over: Partial<Claim> & Record<string, unknown> = {}): Claim & Record<string, unknown> => ({
    resourceType: 'Claim',
    status: 'active',
    type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' }] },
    subType: { coding: [{ system: system.careCategory(schemeId), code: 'consultation' }] },
    use: 'claim',
    identifier: [{ system: 'urn:hc:claims', value: 'HC-1' }],
    patient: { identifier: { system: system.memberNumber(schemeId), value: worker.memberNumber } },
    created: `${careDay}T09:00:00Z`,
    provider: { reference: `Organization/${centre.id}` },
    priority: { coding: [{ code: 'normal' }] },
    insurance: [{ sequence: 1, focal: true, coverage: { reference: `Coverage/${worker.id}` } }],
    billablePeriod: { start: careDay },
    diagnosis: [
      {
        sequence: 1,
        diagnosisCodeableConcept: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'J18.9' }] },
      },
    ],
    item: [
      {
        sequence: 1,
        productOrService: { coding: [{ system: system.serviceCode(schemeId), code: 'CONSULT' }] },
        quantity: { value: 1 },
        unitPrice: { value: 3, currency: 'USD' },
      },
    ],
    total: { value: 3, currency: 'USD' },
    ...over,
  });

  beforeAll(async () => {
    t = await testApp(engine);
    ({ token: admin, schemeId } = await t.scheme('FHR'));
    ({ token: stranger } = await t.scheme('OTH'));
    expect((await t.call('PUT', '/api/v1/claim-policy', { token: admin, body: QUIET_POLICY })).status).toBe(200);
    product = await garmentProduct(post, {
      effectiveFrom: '2026-01-01',
      categories: [
        { category: 'consultation', covered: true },
        { category: 'surgery', covered: true, ceilingPerMember: 200_000 },
        { category: 'delivery', covered: true, waitingDays: 270 },
      ],
    });
    employer = await post('/api/v1/employers', { code: 'JAIWEI', name: 'Jai Wei Garments', productId: product.id });
    worker = await post('/api/v1/members', {
      nameLatin: 'Sok Dara',
      nameLocal: 'សុខ ដារា',
      sex: 'F',
      birthDate: '1990-01-01',
      nationalId: '010203040',
      phone: '+85512345678',
      employerId: employer.id,
      factoryCardNumber: 'JW-0042',
    });
    child = await post('/api/v1/members', {
      nameLatin: 'Sok Vanna',
      sex: 'M',
      birthDate: '2015-06-01',
      householdId: worker.householdId,
      relation: 'child',
    });
    await paidMonth(post, employer.id, [{ memberId: worker.id }], previous, `${previous}-03`, 'B1');
    await paidMonth(post, employer.id, [{ memberId: worker.id }], month, `${month}-01`, 'B2');
    centre = await consultationCentre(post);
    const area = await post('/api/v1/areas', { level: 'province', code: 'PP', name: 'Phnom Penh', parentId: null });
    for (const [username, roles, areaIds] of [
      ['desk.fhir', ['facility_agent'], []],
      ['registrar.fhir', ['registrar'], []],
      ['district.fhir', ['registrar'], [area.id]],
    ] as const) {
      await post('/api/v1/users', { username, displayName: username, password: PASSWORD, roles, areaIds });
    }
    agent = await t.login('desk.fhir');
    registrar = await t.login('registrar.fhir');
    limited = await t.login('district.fhir');
    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  it('says what it supports in its CapabilityStatement, to anyone', async () => {
    const cs = valid(await client().capabilityStatement());
    expect(cs).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', format: ['json'] });
    const types = cs.rest[0].resource.map((r: { type: string }) => r.type);
    expect(types).toEqual(
      expect.arrayContaining(['Patient', 'RelatedPerson', 'Coverage', 'Organization', 'Location', 'InsurancePlan']),
    );
    expect(types).toEqual(
      expect.arrayContaining(['Claim', 'ClaimResponse', 'ExplanationOfBenefit', 'CoverageEligibilityRequest']),
    );
    const patient = cs.rest[0].resource.find((r: { type: string }) => r.type === 'Patient');
    expect(patient.searchParam.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['identifier', 'name', 'birthdate']),
    );
  });

  it('reads a member as a Patient, with stable identifier systems', async () => {
    const p = valid(await client(agent).read({ resourceType: 'Patient', id: worker.id })) as Patient;
    expect(p.identifier).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ system: system.memberNumber(schemeId), value: worker.memberNumber }),
        expect.objectContaining({ system: system.nationalId('KH'), value: '010203040' }),
        expect.objectContaining({ system: system.factoryCard(schemeId, employer.id), value: 'JW-0042' }),
      ]),
    );
    expect(p).toMatchObject({ gender: 'female', birthDate: '1990-01-01', active: true });
    expect(p.name!.map((n) => n.text)).toEqual(['Sok Dara', 'សុខ ដារា']);

    // A dependant is a Patient too, and the head's RelatedPerson.
    const c = valid(await client(agent).read({ resourceType: 'Patient', id: child.id }));
    expect(c.link).toEqual([{ other: { reference: `RelatedPerson/${child.id}` }, type: 'seealso' }]);
    const related = valid(await client(agent).read({ resourceType: 'RelatedPerson', id: child.id }));
    expect(related).toMatchObject({ patient: { reference: `Patient/${worker.id}` } });
    expect(related.relationship[0].coding[0].code).toBe('CHILD');
    const family = valid(
      await client(agent).search({ resourceType: 'RelatedPerson', searchParams: { patient: `Patient/${worker.id}` } }),
    );
    expect(family.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([child.id]);
    // The head is nobody's RelatedPerson.
    expect((await failure(client(agent).read({ resourceType: 'RelatedPerson', id: worker.id }))).status).toBe(404);
  });

  it('searches Patients by identifier, name, birth date and gender, a page at a time', async () => {
    const search = (searchParams: Record<string, string | number>) =>
      client(agent).search({ resourceType: 'Patient', searchParams }).then(valid) as Promise<Bundle>;
    const ids = (b: Bundle) => (b.entry ?? []).map((e) => e.resource!.id);
    expect(ids(await search({ identifier: `${system.memberNumber(schemeId)}|${worker.memberNumber}` }))).toEqual([
      worker.id,
    ]);
    expect(ids(await search({ identifier: '010203040' }))).toEqual([worker.id]);
    expect(ids(await search({ identifier: 'JW-0042' }))).toEqual([worker.id]);
    // A spelling variant of the romanised name finds her.
    expect(ids(await search({ name: 'Sokh Daara' }))[0]).toBe(worker.id);
    expect(ids(await search({ birthdate: 'ge2010-01-01' }))).toEqual([child.id]);
    expect(ids(await search({ birthdate: '1990', gender: 'female' }))).toEqual([worker.id]);

    const first = await search({ _count: 1 });
    expect(first.entry).toHaveLength(1);
    const next = first.link!.find((l) => l.relation === 'next');
    expect(next?.url).toContain('_cursor=');
    const second = valid(await client(agent).nextPage({ bundle: first as never }));
    expect(second.entry).toHaveLength(1);
    expect(new Set([...ids(first), ...ids(second)])).toEqual(new Set([worker.id, child.id]));
    expect(second.link.find((l: { relation: string }) => l.relation === 'next')).toBeUndefined();
  });

  it('refuses a mistyped member number, a bad date and an unknown parameter with an OperationOutcome', async () => {
    const digits = worker.memberNumber.replace(/\D/g, '');
    const wrong = worker.memberNumber.replace(digits, digits.slice(0, -1) + ((Number(digits.slice(-1)) + 1) % 10));
    const res = await failure(
      client(agent).search({
        resourceType: 'Patient',
        searchParams: { identifier: `${system.memberNumber(schemeId)}|${wrong}` },
      }),
    );
    expect(res.status).toBe(400);
    valid(res.data);
    expect(res.data.issue[0]).toMatchObject({ severity: 'error', code: 'invalid', expression: ['identifier'] });
    const date = await failure(
      client(agent).search({ resourceType: 'Patient', searchParams: { birthdate: '1990-13-01' } }),
    );
    expect(date.data.issue[0].expression).toEqual(['birthdate']);
    const unknown = await failure(client(agent).search({ resourceType: 'Patient', searchParams: { colour: 'red' } }));
    expect(unknown.status).toBe(400);
    expect(unknown.data.issue[0].diagnostics).toMatch(/not a search parameter of Patient/);
    const type = await failure(client(agent).search({ resourceType: 'Observation', searchParams: {} }));
    expect(type.status).toBe(404);
    valid(type.data);
  });

  it("answers a member's Coverage and a CoverageEligibilityRequest as the eligibility API does", async () => {
    const coverage = valid(await client(agent).read({ resourceType: 'Coverage', id: worker.id }));
    const api = (await t.call('GET', `/api/v1/eligibility?member=${worker.memberNumber}`, { token: agent })).body
      .matches[0];
    expect(coverage).toMatchObject({
      status: 'active',
      beneficiary: { reference: `Patient/${worker.id}` },
      subscriber: { reference: `Patient/${worker.id}` },
      period: { start: api.coveredSince, end: api.coveredUntil },
      class: [{ value: 'HIP' }],
    });
    const childCover = valid(await client(agent).read({ resourceType: 'Coverage', id: child.id }));
    expect(childCover).toMatchObject({ status: 'cancelled', relationship: { coding: [{ code: 'child' }] } });
    const byStatus = valid(
      await client(agent).search({ resourceType: 'Coverage', searchParams: { status: 'active' } }),
    );
    expect(byStatus.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([worker.id]);

    const answer = valid(
      await client(agent).create({
        resourceType: 'CoverageEligibilityRequest',
        body: {
          resourceType: 'CoverageEligibilityRequest',
          status: 'active',
          purpose: ['benefits'],
          patient: { identifier: { system: system.memberNumber(schemeId), value: worker.memberNumber } },
          servicedDate: `${month}-01`,
          created: `${month}-01`,
          insurer: { reference: `Organization/${schemeId}` },
          item: [
            { category: { coding: [{ system: system.careCategory(schemeId), code: 'surgery' }] } },
            { category: { coding: [{ code: 'delivery' }] } },
          ],
        },
      }),
    );
    expect(answer.resourceType).toBe('CoverageEligibilityResponse');
    expect(answer.insurance[0]).toMatchObject({ inforce: true, benefitPeriod: { start: api.coveredSince } });
    const [surgery, delivery] = answer.insurance[0].item;
    expect(surgery).toMatchObject({ excluded: false, benefit: [{ allowedMoney: { value: 2000, currency: 'USD' } }] });
    expect(delivery.excluded).toBe(true);
    expect(delivery.description).toMatch(/^Waiting period until \d{4}-\d{2}-\d{2}$/);

    const bad = await failure(
      client(agent).create({
        resourceType: 'CoverageEligibilityRequest',
        body: {
          resourceType: 'CoverageEligibilityRequest',
          patient: { display: 'someone' },
          servicedDate: 'yesterday',
          item: [{ category: { coding: [{ code: 'massage' }] } }],
        },
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.data.issue.map((i: { expression: string[] }) => i.expression[0]).sort()).toEqual([
      'CoverageEligibilityRequest.item[0].category',
      'CoverageEligibilityRequest.patient',
      'CoverageEligibilityRequest.servicedDate',
    ]);
  });

  it('takes a Claim, decides it by the claims rules and answers its ClaimResponse; the same claim again answers it again', async () => {
    const answer = valid(await client(agent).create({ resourceType: 'Claim', body: fhirClaim() })) as ClaimResponse;
    const api = (await t.call('GET', `/api/v1/claims/${answer.id}`, { token: agent })).body;
    expect(api).toMatchObject({ status: 'approved', approved: 300, externalId: 'HC-1', diagnosis: 'J18.9' });
    expect(answer).toMatchObject({
      resourceType: 'ClaimResponse',
      outcome: 'complete',
      disposition: 'Approved',
      request: { reference: `Claim/${answer.id}` },
      total: [
        { category: { coding: [{ code: 'submitted' }] }, amount: { value: 3, currency: 'USD' } },
        { category: { coding: [{ code: 'benefit' }] }, amount: { value: 3, currency: 'USD' } },
      ],
    });
    // Written as the claims API writes: audited under the caller, with the request's id.
    const audit = await t.call('GET', `/api/v1/audit?entity=claim&entityId=${answer.id}`, { token: admin });
    expect(audit.body.items[0]).toMatchObject({ username: 'desk.fhir', requestId: expect.any(String) });
    const again = valid(await client(agent).create({ resourceType: 'Claim', body: fhirClaim() }));
    expect(again.id).toBe(answer.id);
    expect((await t.db.kysely.selectFrom('claim').select('id').execute()).length).toBe(1);

    const claim = valid(await client(agent).read({ resourceType: 'Claim', id: answer.id! }));
    expect(claim).toMatchObject({
      patient: { reference: `Patient/${worker.id}` },
      provider: { reference: `Organization/${centre.id}` },
      billablePeriod: { start: careDay },
      total: { value: 3 },
    });
    expect(claim.identifier).toContainEqual({ system: system.claimNumber(schemeId), value: api.number });
  });

  it('refuses a bad Claim naming the elements at fault, and keeps nothing', async () => {
    const before = (await t.db.kysely.selectFrom('claim').select('id').execute()).length;
    const res = await failure(
      client(agent).create({
        resourceType: 'Claim',
        body: fhirClaim({
          identifier: [{ system: 'urn:hc:claims', value: 'HC-BAD' }],
          total: { value: 3.005, currency: 'USD' },
          billablePeriod: { start: '2099-01-01' },
        }),
      }),
    );
    expect(res.status).toBe(400);
    valid(res.data);
    expect(res.data.issue.map((i: { expression: string[] }) => i.expression[0])).toEqual(['Claim.total']);
    const future = await failure(
      client(agent).create({
        resourceType: 'Claim',
        body: fhirClaim({
          identifier: [{ system: 'urn:hc:claims', value: 'HC-BAD' }],
          billablePeriod: { start: '2099-01-01' },
        }),
      }),
    );
    expect(future.data.issue[0].expression).toEqual(['Claim.billablePeriod.start']);
    const nobody = await failure(
      client(agent).create({
        resourceType: 'Claim',
        body: fhirClaim({ identifier: [{ value: 'HC-X' }], patient: { reference: 'Patient/nobody' } }),
      }),
    );
    expect(nobody.data.issue[0].expression).toEqual(['Claim.patient']);
    expect((await t.db.kysely.selectFrom('claim').select('id').execute()).length).toBe(before);
  });

  it('answers a batch Bundle entry by entry: claims decided together, reads and refusals in place', async () => {
    const bundle = valid(
      await client(agent).batch({
        body: {
          resourceType: 'Bundle',
          type: 'batch',
          entry: [
            {
              request: { method: 'POST', url: 'Claim' },
              resource: fhirClaim({ identifier: [{ value: 'HC-2' }], billablePeriod: { start: `${previous}-11` } }),
            },
            {
              request: { method: 'POST', url: 'Claim' },
              resource: fhirClaim({ identifier: [{ value: 'HC-3' }], subType: { coding: [{ code: 'massage' }] } }),
            },
            { request: { method: 'GET', url: `Patient/${worker.id}` } },
            { request: { method: 'GET', url: `Claim?patient=Patient/${worker.id}` } },
            { request: { method: 'DELETE', url: `Patient/${worker.id}` } },
          ],
        },
      }),
    );
    expect(bundle.type).toBe('batch-response');
    const [made, refused, read, found, deleted] = bundle.entry;
    expect(made.response.status).toBe('201 Created');
    expect(made.resource).toMatchObject({ resourceType: 'ClaimResponse', outcome: 'complete' });
    expect(refused.response.status).toBe('400 Bad Request');
    expect(refused.response.outcome.issue[0].expression[0]).toMatch(/^Bundle\.entry\[1\]\.Claim\.subType$/);
    expect(read.resource).toMatchObject({ resourceType: 'Patient', id: worker.id });
    expect(found.resource.entry).toHaveLength(2);
    expect(deleted.response.status).toBe('400 Bad Request');
  });

  it('searches claims and their responses, and explains a claim once its month is paid', async () => {
    const claims = valid(
      await client(agent).search({
        resourceType: 'Claim',
        searchParams: { patient: worker.id, 'care-date': previous },
      }),
    );
    expect(claims.entry).toHaveLength(2);
    const active = valid(await client(agent).search({ resourceType: 'Claim', searchParams: { status: 'active' } }));
    expect(active.entry).toHaveLength(2);
    const draft = valid(await client(agent).search({ resourceType: 'Claim', searchParams: { status: 'draft' } }));
    expect(draft.entry ?? []).toEqual([]);
    const responses = valid(
      await client(agent).search({
        resourceType: 'ClaimResponse',
        searchParams: { outcome: 'complete', disposition: 'approved' },
      }),
    );
    expect(responses.entry).toHaveLength(2);
    expect(
      valid(await client(agent).search({ resourceType: 'ExplanationOfBenefit', searchParams: {} })).entry ?? [],
    ).toEqual([]);
    const id = claims.entry[0].resource.id;
    expect((await failure(client(agent).read({ resourceType: 'ExplanationOfBenefit', id }))).status).toBe(404);

    const run = await post('/api/v1/payment-runs', { period: previous });
    await post(`/api/v1/payment-runs/${run.id}/approve`, {});
    await post(`/api/v1/payment-runs/${run.id}/paid`, { paidOn: today(), reference: 'ACLEDA-1' });
    const eob = valid(await client(agent).read({ resourceType: 'ExplanationOfBenefit', id }));
    expect(eob).toMatchObject({
      outcome: 'complete',
      claim: { reference: `Claim/${id}` },
      payment: { date: today(), amount: { value: 3 }, identifier: { value: 'ACLEDA-1' } },
    });
    const paid = valid(
      await client(agent).search({ resourceType: 'ExplanationOfBenefit', searchParams: { patient: worker.id } }),
    );
    expect(paid.entry).toHaveLength(2);
  });

  it('serves the scheme, employers, facilities, areas and products', async () => {
    const c = client(admin);
    const orgs = valid(await c.search({ resourceType: 'Organization', searchParams: { _count: 50 } }));
    const types = orgs.entry.map(
      (e: { resource: { type: { coding: { code: string }[] }[] } }) => e.resource.type[0]!.coding[0]!.code,
    );
    expect(types.sort()).toEqual(['bus', 'ins', 'prov']);
    const prov = valid(
      await c.search({ resourceType: 'Organization', searchParams: { type: 'prov', name: 'health' } }),
    );
    expect(prov.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([centre.id]);
    valid(await c.read({ resourceType: 'Organization', id: schemeId }));
    valid(await c.read({ resourceType: 'Organization', id: employer.id }));
    const places = valid(await c.search({ resourceType: 'Location', searchParams: {} }));
    expect(places.entry).toHaveLength(2);
    const site = valid(await c.read({ resourceType: 'Location', id: centre.id }));
    expect(site.managingOrganization.reference).toBe(`Organization/${centre.id}`);
    const plan = valid(await c.read({ resourceType: 'InsurancePlan', id: product.id }));
    expect(plan).toMatchObject({ status: 'active', identifier: [{ value: 'HIP' }] });
    expect(
      plan.coverage[0].benefit.map((b: { type: { coding: { code: string }[] } }) => b.type.coding[0]!.code),
    ).toEqual(['consultation', 'surgery', 'delivery']);
    valid(await c.search({ resourceType: 'InsurancePlan', searchParams: { identifier: 'HIP' } }));
  });

  it("takes a facility system's API token, a search posted as form fields, and refuses garbage as an OperationOutcome", async () => {
    const { id: deskUser } = (await t.call('GET', '/api/v1/users?limit=50', { token: admin })).body.items.find(
      (u: { username: string }) => u.username === 'desk.fhir',
    );
    const claims = async () => (await t.db.kysely.selectFrom('claim').select('id').execute()).length;
    const before = await claims();
    const machine = (await post('/api/v1/api-tokens', { name: 'Health centre HIS', userId: deskUser })).token;
    const found = valid(
      await client(machine).request(`Patient/_search`, {
        method: 'POST',
        options: { headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        body: new URLSearchParams({ identifier: worker.memberNumber }).toString(),
      }),
    );
    expect(found.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([worker.id]);

    const raw = (method: string, path: string, body?: string) =>
      t.call(method, `/fhir/${path}`, {
        token: machine,
        headers: { 'content-type': 'application/fhir+json' },
        ...(body === undefined ? {} : { body }),
      });
    for (const [method, path, body, expression] of [
      ['POST', 'Claim', 'not json', 'body'],
      ['POST', 'Claim', '{"resourceType":"Patient"}', 'Claim.resourceType'],
      ['POST', '', '{"resourceType":"Bundle","type":"transaction","entry":[]}', 'Bundle.type'],
      ['GET', 'Patient?_count=1000', undefined, '_count'],
      ['GET', 'Patient?_cursor=%00', undefined, '_cursor'],
      ['GET', 'Claim?patient=Organization/x', undefined, 'patient'],
    ] as const) {
      const res = await raw(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
      valid(res.body);
      expect(res.body.issue[0].expression).toEqual([expression]);
    }
    const put = await raw('PUT', `Patient/${worker.id}`, '{}');
    expect(put.status).toBe(405);
    valid(put.body);
    expect(await claims()).toBe(before);
  });

  it("keeps each scheme's data to its own users, within their rights and areas", async () => {
    expect((await failure(client().read({ resourceType: 'Patient', id: worker.id }))).status).toBe(401);
    const foreign = await failure(client(stranger).read({ resourceType: 'Patient', id: worker.id }));
    expect(foreign.status).toBe(404);
    valid(foreign.data);
    expect(valid(await client(stranger).search({ resourceType: 'Patient', searchParams: {} })).entry ?? []).toEqual([]);
    expect(valid(await client(stranger).search({ resourceType: 'Claim', searchParams: {} })).entry ?? []).toEqual([]);
    // A registrar may read members but not claims, nor send them.
    const noRight = await failure(client(registrar).search({ resourceType: 'Claim', searchParams: {} }));
    expect(noRight.status).toBe(403);
    expect(noRight.data.issue[0].code).toBe('forbidden');
    expect((await failure(client(registrar).create({ resourceType: 'Claim', body: fhirClaim() }))).status).toBe(403);
    // A district's officer sees nobody outside the district.
    expect((await failure(client(limited).read({ resourceType: 'Patient', id: worker.id }))).status).toBe(404);
    expect(valid(await client(limited).search({ resourceType: 'Patient', searchParams: {} })).entry ?? []).toEqual([]);
  });
});
