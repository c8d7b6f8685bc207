import type { Db } from '../platform/db/database.js';
import type { Actor } from '../platform/audit/audit.js';
import type { Scope } from '../platform/http/context.js';
import { addDays, today } from '../platform/dates.js';
import { createCase } from '../schemes/cases/service.js';
import { createPriceList } from '../schemes/price-lists/service.js';
import { createContract } from '../claims/contracts/service.js';
import { addAssessment } from '../claims/contracts/assessments.js';
import { submitClaim } from '../claims/service.js';
import { createRun } from '../payments/service.js';
import type { Random } from './random.js';

/** Some of seed 001's cases, each a standard set of procedures with an agreed average cost (US cents). */
const CASES = [
  ['DELIV-N', 'Normal delivery', 'delivery', ['Delivery', 'Two days in hospital', 'Newborn care'], 3_500],
  ['DELIV-C', 'Caesarean section', 'delivery', ['Caesarean section', 'Anaesthesia', 'Five days in hospital'], 18_000],
  ['APPENDIX', 'Appendectomy', 'surgery', ['Appendectomy', 'Anaesthesia', 'Three days in hospital'], 12_000],
  ['HERNIA', 'Inguinal hernia repair', 'surgery', ['Hernia repair', 'Anaesthesia', 'Two days in hospital'], 9_000],
  ['CYST', 'Excision of a cyst', 'surgery', ['Excision', 'Local anaesthesia'], 4_000],
  ['FRACTURE', 'Closed fracture, reduction and cast', 'surgery', ['Reduction', 'Cast', 'X-ray'], 6_000],
  ['PNEUMONIA', 'Pneumonia, admitted', 'hospital_stay', ['Four days in hospital', 'Antibiotics', 'Chest X-ray'], 7_500],
  ['DENGUE', 'Dengue fever, admitted', 'hospital_stay', ['Three days in hospital', 'Fluids', 'Blood counts'], 5_500],
  ['TYPHOID', 'Typhoid fever, admitted', 'hospital_stay', ['Five days in hospital', 'Antibiotics'], 6_500],
] as const;

const OPD_ITEMS = [
  ['CONSULT', 'Consultation', 'service', 150],
  ['ANC', 'Antenatal visit', 'service', 200],
  ['CBC', 'Blood count', 'service', 300],
  ['XRAY', 'X-ray', 'service', 800],
  ['AMOX', 'Amoxicillin 500 mg, 10 capsules', 'medicine', 60],
  ['PARA', 'Paracetamol 500 mg, 10 tablets', 'medicine', 20],
  ['ORS', 'Oral rehydration salts', 'medicine', 15],
] as const;

/**
 * The partner facilities' terms and a month of their claims, as seed 001 tells HIP's: the
 * national hospitals paid a lump sum for consultations and by case for inpatient care, the
 * referral hospitals by service for consultations, the health centres by capitation; quality
 * scores for each; claims decided by the rules (a few sent to review), and last month's payment
 * run computed as a draft to look at.
 */
export async function loadProviders(
  db: Db,
  actor: Actor,
  scope: Scope,
  random: Random,
  facilities: { id: string; code: string; type: string }[],
) {
  for (const [code, name, category, procedures, averageCost] of CASES) {
    await createCase(db, actor, scope, { code, name, category, procedures: [...procedures], averageCost });
  }
  const opd = await createPriceList(db, actor, scope, {
    code: 'OPD',
    name: 'Outpatient services and medicines',
    items: OPD_ITEMS.map(([code, name, kind, price]) => ({
      code,
      name,
      kind,
      price,
      sex: null,
      minAge: null,
      maxAge: null,
      minIntervalDays: code === 'XRAY' ? 30 : null,
    })),
  });
  const day = today();
  for (const f of facilities) {
    const inpatient = ['delivery', 'surgery', 'hospital_stay'].map((category) => ({
      category,
      mechanism: 'case' as const,
    }));
    const categories =
      f.type === 'national_hospital'
        ? [{ category: 'consultation', mechanism: 'lump_sum' as const, amountPerMonth: 150_000 }, ...inpatient]
        : f.type === 'referral_hospital'
          ? [{ category: 'consultation', mechanism: 'fee_for_service' as const, priceListId: opd.id }, ...inpatient]
          : [
              {
                category: 'consultation',
                mechanism: 'capitation' as const,
                basis: { kind: 'per_member' as const, amountPerMember: 25, members: 'catchment' as const },
              },
              { category: 'antenatal', mechanism: 'fee_for_service' as const, priceListId: opd.id },
            ];
    await createContract(db, actor, scope, { facilityId: f.id, startsOn: '2011-01-01', categories });
    await addAssessment(db, actor, scope, f.id, { assessedOn: addDays(day, -120), score: random.int(55, 96) });
  }

  // Two months ago the factories' months were paid: the workers were covered.
  const month = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  month.setUTCMonth(month.getUTCMonth() - 2);
  const period = month.toISOString().slice(0, 7);
  const workers = await db.kysely
    .selectFrom('member')
    .select(['member_number', 'sex'])
    .where('scheme_id', '=', scope.schemeId)
    .where('relation', '=', 'head')
    .where('employer_id', 'is not', null)
    .orderBy('member_number')
    .limit(400)
    .execute();
  const hospitals = facilities.filter((f) => f.type !== 'health_centre');
  const centres = facilities.filter((f) => f.type === 'health_centre');
  for (let i = 0; i < 60; i++) {
    const worker = workers[random.int(0, workers.length - 1)]!;
    const careOn = `${period}-${String(random.int(1, 28)).padStart(2, '0')}`;
    const inpatient = i % 4 === 0;
    const facility = inpatient || i % 3 === 0 ? hospitals[i % hospitals.length]! : centres[i % centres.length]!;
    const [code, , category] = inpatient ? CASES[random.int(0, CASES.length - 1)]! : ['', '', 'consultation'];
    const lines =
      !inpatient && facility.type === 'referral_hospital'
        ? [
            { code: 'CONSULT', quantity: 1, unitPrice: 150 },
            { code: 'AMOX', quantity: 1, unitPrice: random.int(0, 3) === 0 ? 90 : 60 },
          ]
        : [];
    const claimed = inpatient
      ? CASES.find((c) => c[0] === code)![4] * (random.int(0, 9) === 0 ? 4 : 1)
      : lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0) || 150;
    await submitClaim(db, actor, scope, {
      facilityId: facility.id,
      externalId: `${facility.code}-${period}-${i + 1}`,
      memberNumber: worker.member_number,
      category,
      caseCode: inpatient ? code : undefined,
      admittedOn: careOn,
      dischargedOn: inpatient ? addDays(careOn, 3) : undefined,
      claimed,
      lines,
    });
  }
  await createRun(db, actor, scope, period);
}
