import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsRelay } from '../../../test/sms-relay.js';
import { engines } from '../../../test/engines.js';
import { testApp, PASSWORD, type TestApp } from '../../../test/app.js';
import { allocate, pick, seeded } from './sampling.js';
import { checkAnswers } from './answers.js';
import { meanInterval, sharesDiffer, wilson } from './statistics.js';

const QUESTIONS = [
  {
    code: 'reg',
    dimension: 'registration',
    type: 'likert',
    text: { en: 'How easy was it to register?', km: 'ការចុះឈ្មោះងាយស្រួលប៉ុណ្ណា?' },
  },
  {
    code: 'paid',
    dimension: 'co_payments',
    type: 'yes_no',
    positive: 'no',
    text: { en: 'Were you asked to pay at the facility?', km: 'តើអ្នកត្រូវបង់លុយទេ?' },
  },
  {
    code: 'know',
    dimension: 'awareness',
    type: 'single_choice',
    text: { en: 'Do you know what the scheme covers?', km: 'តើអ្នកដឹងទេ?' },
    options: [
      { code: 'all', text: { en: 'Yes, all of it', km: 'ដឹងទាំងអស់' }, score: 5 },
      { code: 'some', text: { en: 'Some of it', km: 'ខ្លះ' }, score: 3 },
      { code: 'none', text: { en: 'No', km: 'មិនដឹង' }, score: 1 },
    ],
  },
] as const;

describe('samples, answers and statistics, pure', () => {
  it('allocates the sample in proportion to the strata, the remainders to the largest fractions', () => {
    const strata = [
      { key: 'a', population: 600 },
      { key: 'b', population: 300 },
      { key: 'c', population: 100 },
    ];
    expect(Object.fromEntries(allocate(strata, 50))).toEqual({ a: 30, b: 15, c: 5 });
    expect(Object.fromEntries(allocate(strata, 7))).toEqual({ a: 4, b: 2, c: 1 });
    expect(Object.fromEntries(allocate([{ key: 'x', population: 3 }], 10))).toEqual({ x: 3 });
  });
  it('draws the same members from the same seed, and others from another', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const first = pick(items, 10, seeded(7));
    expect(pick(items, 10, seeded(7))).toEqual(first);
    expect(pick(items, 10, seeded(8))).not.toEqual(first);
    expect(new Set(first).size).toBe(10);
  });
  it('checks answers against the scale and the questions, naming each', () => {
    const questions = QUESTIONS.map((q) => ({ required: true, ...q })) as never;
    expect(checkAnswers(questions, { reg: 6, paid: 'maybe', know: 'all', extra: 1 })).toEqual({
      ok: false,
      errors: [
        { field: 'answers.extra', reason: 'is not a question of this survey' },
        { field: 'answers.reg', reason: 'must be a whole number from 1 to 5' },
        { field: 'answers.paid', reason: 'must be yes or no' },
      ],
    });
    expect(checkAnswers(questions, { reg: 4, know: 'some' })).toMatchObject({
      ok: false,
      errors: [{ field: 'answers.paid', reason: 'is required' }],
    });
    // Not asked to pay is the satisfied answer; the second option by its number.
    expect(checkAnswers(questions, { reg: '4', paid: 'N', know: '2' })).toEqual({
      ok: true,
      answers: [
        { question: 'reg', value: '4', score: 4 },
        { question: 'paid', value: 'no', score: 5 },
        { question: 'know', value: 'some', score: 3 },
      ],
    });
  });
  it('gives means with Student intervals, shares with Wilson intervals, and tests a change', () => {
    expect(meanInterval([4, 5, 3, 4, 4])).toEqual({ mean: 4, interval: { low: 3.122, high: 4.878 } });
    expect(wilson(8, 10)).toEqual({ share: 0.8, interval: { low: 0.4902, high: 0.9433 } });
    expect(wilson(0, 0)).toEqual({ share: null, interval: null });
    expect(sharesDiffer({ successes: 80, n: 100 }, { successes: 60, n: 100 })).toBe(true);
    expect(sharesDiffer({ successes: 8, n: 10 }, { successes: 7, n: 10 })).toBe(false);
  });
});

describe.each(engines)('member-satisfaction surveys on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let interviewer: string;
  let gateway: string;
  let survey: { id: string; version: number; state?: string; counts?: Record<string, number> };
  const members: { id: string; phone: string }[] = [];
  const phone = smsRelay();

  const call = (method: string, url: string, body?: unknown, as = admin) => t.call(method, url, { token: as, body });
  const post = async (url: string, body: unknown, as = admin) => {
    const res = await call('POST', url, body, as);
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const sample = async (id: string) =>
    (await call('GET', `/api/v1/surveys/${id}/sample?limit=500`, undefined, interviewer)).body.items as {
      memberId: string;
      stratum: string;
      link: string;
      phone: string | null;
      state: string;
    }[];

  beforeAll(async () => {
    const url = await phone.start();
    t = await testApp(engine, { RISKPOOL_SMS_GATEWAY: 'http', RISKPOOL_SMS_URL: url });
    ({ token: admin } = await t.scheme('SURV'));
    for (const [code, size] of [
      ['ALPHA', 6],
      ['BRAVO', 4],
    ] as const) {
      const employer = await post('/api/v1/employers', { code, name: `${code} Garments` });
      for (let i = 0; i < size; i++) {
        const p = `+85512${code === 'ALPHA' ? 1 : 2}0000${i}`;
        const m = await post('/api/v1/members', {
          nameLatin: `Worker ${code} ${'abcdef'[i]}`,
          sex: 'F',
          birthDate: `199${i}-01-01`,
          employerId: employer.id,
          phone: p,
        });
        members.push({ id: m.id, phone: p });
      }
    }
    await post('/api/v1/users', {
      username: 'interviewer.surv',
      displayName: 'I',
      password: PASSWORD,
      roles: ['care_operator'],
    });
    interviewer = await t.login('interviewer.surv');
    const machine = await post('/api/v1/users', {
      username: 'gateway.surv',
      displayName: 'G',
      roles: ['gateway'],
      isMachine: true,
    });
    gateway = (await post('/api/v1/api-tokens', { name: 'gateway', userId: machine.user.id })).token;
  });
  afterAll(async () => {
    await t.close();
    await phone.stop();
  });

  it('builds a questionnaire in several languages and refuses one with a repeated question', async () => {
    const bad = await call('POST', '/api/v1/surveys', {
      name: 'Bad',
      round: '2026',
      questions: [QUESTIONS[0], QUESTIONS[0]],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'questions.1.code', reason: 'repeats reg' }]);
    expect(
      (await call('POST', '/api/v1/surveys', { name: 'X', round: '1', questions: [QUESTIONS[0]] }, interviewer)).status,
    ).toBe(403);
    survey = await post('/api/v1/surveys', { name: 'Members 2026', round: '2026 Q1', questions: QUESTIONS });
    expect(survey).toMatchObject({ state: 'draft', smsReady: true, counts: { sampled: 0 } });
  });

  it('draws a sample stratified by employer, the same again from the same seed', async () => {
    const drawn = await post(`/api/v1/surveys/${survey.id}/sample`, { size: 5, stratifyBy: 'employer', seed: 7 });
    expect(drawn.sample).toMatchObject({ size: 5, population: 10, stratifyBy: 'employer', seed: 7 });
    expect(drawn.sample.strata.map((s: { name: string; drawn: number }) => [s.name, s.drawn]).sort()).toEqual([
      ['ALPHA Garments', 3],
      ['BRAVO Garments', 2],
    ]);
    const first = (await sample(survey.id)).map((s) => s.memberId);
    await post(`/api/v1/surveys/${survey.id}/sample`, { size: 5, stratifyBy: 'employer', seed: 7 });
    expect((await sample(survey.id)).map((s) => s.memberId)).toEqual(first);
    // Everyone, for the rest of the test.
    survey = await post(`/api/v1/surveys/${survey.id}/sample`, { size: 10, stratifyBy: 'none', seed: 1 });
    expect(survey.counts).toMatchObject({ sampled: 10, pending: 10 });
  });

  it('takes phone interviews once the survey is open, refusing an answer out of the scale and keeping nothing of it', async () => {
    const [a, b, c] = await sample(survey.id);
    const early = await call(
      'POST',
      `/api/v1/surveys/${survey.id}/interviews`,
      { memberId: a!.memberId, outcome: 'answered', answers: { reg: 4, paid: 'no', know: 'all' } },
      interviewer,
    );
    expect(early.status).toBe(409);
    survey = await post(`/api/v1/surveys/${survey.id}/open`, { version: survey.version });
    expect(survey.state).toBe('open');
    const changed = await call('PATCH', `/api/v1/surveys/${survey.id}`, { name: 'Renamed', version: survey.version });
    expect(changed.status).toBe(409);

    await post(
      `/api/v1/surveys/${survey.id}/interviews`,
      { memberId: a!.memberId, outcome: 'answered', answers: { reg: 4, paid: 'no', know: 'all' } },
      interviewer,
    );
    const twice = await call(
      'POST',
      `/api/v1/surveys/${survey.id}/interviews`,
      { memberId: a!.memberId, outcome: 'answered', answers: { reg: 4, paid: 'no', know: 'all' } },
      interviewer,
    );
    expect(twice.status).toBe(409);
    const out = await call(
      'POST',
      `/api/v1/surveys/${survey.id}/interviews`,
      { memberId: b!.memberId, outcome: 'answered', answers: { reg: 7, paid: 'no', know: 'all' } },
      interviewer,
    );
    expect(out.status).toBe(400);
    expect(out.body.errors).toEqual([{ field: 'answers.reg', reason: 'must be a whole number from 1 to 5' }]);
    await post(`/api/v1/surveys/${survey.id}/interviews`, { memberId: c!.memberId, outcome: 'refused' }, interviewer);
    const states = await sample(survey.id);
    expect(states.find((s) => s.memberId === b!.memberId)!.state).toBe('pending');
    expect(states.find((s) => s.memberId === c!.memberId)!.state).toBe('refused');
    const stranger = await call(
      'POST',
      `/api/v1/surveys/${survey.id}/interviews`,
      { memberId: 'not-sampled', outcome: 'refused' },
      interviewer,
    );
    expect(stranger.status).toBe(404);
  });

  it("answers through the member's own web link, in their language, once", async () => {
    const b = (await sample(survey.id))[1]!;
    const token = b.link.split('/').pop()!;
    const shown = await t.call('GET', `/api/v1/survey-links/${token}?lang=km`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ name: 'Members 2026', language: 'km', answered: false, state: 'open' });
    expect(shown.body.questions[0]).toMatchObject({ code: 'reg', type: 'likert', text: 'ការចុះឈ្មោះងាយស្រួលប៉ុណ្ណា?' });
    const answered = await t.call('POST', `/api/v1/survey-links/${token}`, {
      body: { answers: { reg: 2, paid: 'yes', know: 'none' } },
    });
    expect(answered.body).toEqual({ answered: true });
    expect(
      (
        await t.call('POST', `/api/v1/survey-links/${token}`, {
          body: { answers: { reg: 2, paid: 'yes', know: 'none' } },
        })
      ).status,
    ).toBe(409);
    expect((await t.call('GET', '/api/v1/survey-links/not-a-real-token-at-all')).status).toBe(404);
  });

  it('texts a short survey to the sample and keeps the answers texted back', async () => {
    const sent = await post(`/api/v1/surveys/${survey.id}/send-sms`, {});
    // Everyone pending with a phone: ten drawn, three have answered or refused.
    expect(sent).toMatchObject({ sent: 7, failed: 0 });
    const text = phone.received[0]!.text;
    expect(text).toMatch(
      /^Members 2026\. Reply S and your answers in order, e\.g\. S 4 Y 1\. 1\) How easy was it to register\? \(1-5\)/,
    );
    expect(text).toContain('3) Do you know what the scheme covers? (1=Yes, all of it, 2=Some of it, 3=No)');
    const pending = (await sample(survey.id)).filter((s) => s.state === 'pending');
    const sms = async (from: string, body: string) =>
      (await t.call('POST', '/api/v1/sms/inbound', { token: gateway, body: { from, text: body } })).body.message;
    expect(await sms(pending[0]!.phone!, 'S 9 N 1')).toBe('Not kept: answer 1 must be a whole number from 1 to 5');
    expect(await sms(pending[0]!.phone!, 'S 5 N')).toBe('Not kept: send 3 answers, one for each question');
    expect(await sms(pending[0]!.phone!, 's 5 n 1')).toBe('Thank you for answering the survey.');
    expect(await sms(pending[1]!.phone!, 'S 4 Y 2')).toBe('Thank you for answering the survey.');
    // A phone sent no survey is a stranger's text.
    expect(await sms('+85570111222', 'S 4 Y 2')).toMatch(/not registered to a health facility/);
  });

  it('gives the results per dimension with intervals and the response rate, and compares rounds', async () => {
    const results = (await call('GET', `/api/v1/surveys/${survey.id}/results`, undefined, interviewer)).body;
    expect(results).toMatchObject({ sampled: 10, answered: 4, responseRate: 0.4, previousRound: null });
    const registration = results.dimensions.find((d: { dimension: string }) => d.dimension === 'registration');
    // Answers 4, 2, 5, 4.
    expect(registration).toMatchObject({ respondents: 4, meanScore: 3.75, satisfiedShare: 0.75 });
    expect(registration.meanInterval.low).toBeLessThan(3.75);
    expect(registration.satisfiedInterval.high).toBeGreaterThan(0.75);
    const copay = results.dimensions.find((d: { dimension: string }) => d.dimension === 'co_payments');
    // Not asked to pay: two of four (the web answer and the second text said they were).
    expect(copay).toMatchObject({ respondents: 4, satisfiedShare: 0.5 });
    expect(results.questions.find((q: { code: string }) => q.code === 'know').distribution).toEqual({
      all: 2,
      none: 1,
      some: 1,
    });

    const closed = await post(`/api/v1/surveys/${survey.id}/close`, {
      version: (await call('GET', `/api/v1/surveys/${survey.id}`)).body.version,
    });
    expect(closed.state).toBe('closed');
    const late = (await sample(survey.id)).find((s) => s.state === 'pending')!;
    const lateAnswer = await t.call('POST', `/api/v1/survey-links/${late.link.split('/').pop()}`, {
      body: { answers: { reg: 5, paid: 'no', know: 'all' } },
    });
    expect(lateAnswer.status).toBe(409);
    expect(lateAnswer.body.errors[0]).toEqual({ field: 'survey', reason: 'is closed: it takes no answers' });

    // The next round, compared with this one.
    let next = await post('/api/v1/surveys', {
      name: 'Members 2026',
      round: '2026 Q2',
      previousId: survey.id,
      questions: QUESTIONS,
    });
    next = await post(`/api/v1/surveys/${next.id}/sample`, { size: 3, seed: 3 });
    next = await post(`/api/v1/surveys/${next.id}/open`, { version: next.version });
    for (const s of await sample(next.id)) {
      await post(
        `/api/v1/surveys/${next.id}/interviews`,
        { memberId: s.memberId, outcome: 'answered', answers: { reg: 5, paid: 'no', know: 'all' } },
        interviewer,
      );
    }
    const compared = (await call('GET', `/api/v1/surveys/${next.id}/results`)).body;
    expect(compared.previousRound).toBe('2026 Q1');
    expect(compared.dimensions.find((d: { dimension: string }) => d.dimension === 'registration')).toMatchObject({
      meanScore: 5,
      satisfiedShare: 1,
      previous: { respondents: 4, meanScore: 3.75, meanChange: 1.25, satisfiedChange: 0.25, significant: false },
    });
  });
});
