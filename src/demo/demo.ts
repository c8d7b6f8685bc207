import Papa from 'papaparse';
import type { Db } from '../platform/db/database.js';
import { systemActor } from '../platform/audit/audit.js';
import { insertScheme } from '../schemes/service.js';
import { createArea } from '../registry/areas/service.js';
import { createRule } from '../schemes/contribution-rules/service.js';
import { createEmployer, updateEmployer } from '../registry/employers/service.js';
import { createProduct } from '../schemes/products/service.js';
import { ProductDefinition } from '../schemes/products/schemas.js';
import { createFacility } from '../registry/facilities/service.js';
import { loadProviders } from './providers.js';
import { loadCare } from './care.js';
import { runImport, startImport } from '../registry/imports/service.js';
import { COLUMNS } from '../registry/imports/rows.js';
import { person, worker } from './people.js';
import { loadFactoryMonths } from './money.js';
import { loadVillage } from './village.js';
import { issueEmployerCards } from '../registry/cards/service.js';
import { seeded, type Random } from './random.js';

/** Phnom Penh's khans where HIP's factories stood, with a sangkat or two each. */
const DISTRICTS: { code: string; name: string; km: string; communes: [string, string][] }[] = [
  {
    code: 'PP-DK',
    name: 'Dangkao',
    km: 'ដង្កោ',
    communes: [
      ['Dangkao', 'ដង្កោ'],
      ['Prey Sa', 'ព្រៃស'],
    ],
  },
  {
    code: 'PP-MC',
    name: 'Meanchey',
    km: 'មានជ័យ',
    communes: [
      ['Steung Meanchey', 'ស្ទឹងមានជ័យ'],
      ['Chak Angre Leu', 'ចាក់អង្រែលើ'],
    ],
  },
  {
    code: 'PP-PS',
    name: 'Pur SenChey',
    km: 'ពោធិ៍សែនជ័យ',
    communes: [
      ['Kakab', 'កាកាប'],
      ['Chaom Chau', 'ចោមចៅ'],
    ],
  },
  { code: 'PP-RK', name: 'Russey Keo', km: 'ឫស្សីកែវ', communes: [['Tuol Sangkae', 'ទួលសង្កែ']] },
  { code: 'PP-TK', name: 'Toul Kork', km: 'ទួលគោក', communes: [['Boeung Kak', 'បឹងកក់']] },
  { code: 'PP-CM', name: 'Chamkarmon', km: 'ចំការមន', communes: [['Tonle Bassac', 'ទន្លេបាសាក់']] },
];

/** A dozen factories; the first six are named in seed 000. Quantum paid the whole US$1.60 itself. */
const FACTORIES: { code: string; name: string; district: string; workers: number; lat: number; lon: number }[] = [
  { code: 'JAIWEI', name: 'Jai Wei Garment', district: 'PP-DK', workers: 620, lat: 11.5012, lon: 104.8523 },
  { code: 'IBERASIA', name: 'Iberasia Garment', district: 'PP-DK', workers: 480, lat: 11.4968, lon: 104.8611 },
  { code: 'QUANTUM', name: 'Quantum Clothing', district: 'PP-PS', workers: 700, lat: 11.5343, lon: 104.8302 },
  { code: 'SUNTEX', name: 'Suntex', district: 'PP-PS', workers: 520, lat: 11.5432, lon: 104.8177 },
  { code: 'THAIPORE', name: 'Thaipore Garment', district: 'PP-MC', workers: 600, lat: 11.5201, lon: 104.8985 },
  { code: 'CTW', name: 'CTW Garment', district: 'PP-MC', workers: 380, lat: 11.5124, lon: 104.9032 },
  { code: 'ANGKORKNIT', name: 'Angkor Knitwear', district: 'PP-RK', workers: 350, lat: 11.6101, lon: 104.9124 },
  { code: 'MEKONGAPP', name: 'Mekong Apparel', district: 'PP-RK', workers: 300, lat: 11.6032, lon: 104.9201 },
  { code: 'GOLDNEEDLE', name: 'Golden Needle', district: 'PP-MC', workers: 280, lat: 11.5287, lon: 104.9126 },
  { code: 'LOTUS', name: 'Lotus Fashion', district: 'PP-DK', workers: 260, lat: 11.4893, lon: 104.8702 },
  { code: 'TONLE', name: 'Tonle Textile', district: 'PP-CM', workers: 290, lat: 11.5356, lon: 104.9357 },
  { code: 'PPTEXTILE', name: 'Phnom Penh Textile', district: 'PP-TK', workers: 220, lat: 11.5712, lon: 104.8951 },
];

/** HIP's six partner facilities and the month each contract started (seed 000, June 2011). */
const FACILITIES: {
  code: string;
  name: string;
  km: string;
  type: 'national_hospital' | 'referral_hospital' | 'health_centre';
  district: string;
  contractStart: string;
  lat: number;
  lon: number;
}[] = [
  {
    code: 'KSNH',
    name: 'Khmer Soviet National Hospital',
    km: 'មន្ទីរពេទ្យមិត្តភាពខ្មែរ-សូវៀត',
    type: 'national_hospital',
    district: 'PP-CM',
    contractStart: '2009-05-01',
    lat: 11.5387,
    lon: 104.9198,
  },
  {
    code: 'PKNH',
    name: 'Preah Kossamak National Hospital',
    km: 'មន្ទីរពេទ្យព្រះកុសុមៈ',
    type: 'national_hospital',
    district: 'PP-TK',
    contractStart: '2010-01-01',
    lat: 11.5651,
    lon: 104.8886,
  },
  {
    code: 'CMRH',
    name: 'Chamkarmorn Referral Hospital',
    km: 'មន្ទីរពេទ្យបង្អែកចំការមន',
    type: 'referral_hospital',
    district: 'PP-CM',
    contractStart: '2009-08-01',
    lat: 11.5397,
    lon: 104.9271,
  },
  {
    code: 'PCRH',
    name: 'Pochentong Referral Hospital',
    km: 'មន្ទីរពេទ្យបង្អែកពោធិ៍ចិនតុង',
    type: 'referral_hospital',
    district: 'PP-PS',
    contractStart: '2009-11-01',
    lat: 11.5478,
    lon: 104.8385,
  },
  {
    code: 'TKHC',
    name: 'Toul Kork Health Center',
    km: 'មណ្ឌលសុខភាពទួលគោក',
    type: 'health_centre',
    district: 'PP-TK',
    contractStart: '2010-02-01',
    lat: 11.5756,
    lon: 104.9004,
  },
  {
    code: 'SMHC',
    name: 'Steung Meanchey Health Center',
    km: 'មណ្ឌលសុខភាពស្ទឹងមានជ័យ',
    type: 'health_centre',
    district: 'PP-MC',
    contractStart: '2010-05-01',
    lat: 11.5209,
    lon: 104.9101,
  },
];

/** One factory's worker list, as its HR office would send it: a tenth bring a spouse or child. */
export function workerList(random: Random, factoryIndex: number, count: number): string {
  const rows: string[][] = [];
  for (let i = 1; i <= count; i++) {
    const w = worker(random);
    const card = `${String(factoryIndex + 1).padStart(2, '0')}-${String(i).padStart(5, '0')}`;
    const household = random.chance(0.1) ? `H${card}` : '';
    const nid = random.chance(0.7) ? String(100000000 + factoryIndex * 1_000_000 + i) : '';
    const phone = random.chance(0.6)
      ? `0${random.pick(['12', '17', '77', '92', '96'])}${random.int(100000, 999999)}`
      : '';
    const wage = String(random.int(128, 220)); // monthly, US$, around the 2011 minimum wage
    rows.push([w.nameLatin, w.nameLocal, w.sex, w.birthDate, nid, phone, card, wage, 'head', household, '', '', '']);
    if (household) {
      const child = random.chance(0.6);
      const d = child
        ? person(random, random.chance(0.5) ? 'F' : 'M', 2000, 2010)
        : person(random, w.sex === 'F' ? 'M' : 'F', 1966, 1992);
      rows.push([
        d.nameLatin,
        d.nameLocal,
        d.sex,
        d.birthDate,
        '',
        '',
        '',
        '',
        child ? 'child' : 'spouse',
        household,
        '',
        '',
        '',
      ]);
    }
  }
  return Papa.unparse({ fields: [...COLUMNS], data: rows });
}

/** Loads the demo scheme, modelled on HIP's garment workers' scheme; answers its id. */
const DEMO_PRODUCT = ProductDefinition.parse({
  covers: 'member',
  term: { kind: 'monthly' },
  grace: { paymentDays: 30 },
  categories: [
    { category: 'consultation', covered: true },
    { category: 'antenatal', covered: true },
    { category: 'delivery', covered: true, waitingDays: 270 },
    { category: 'surgery', covered: true, waitingDays: 30 },
    { category: 'hospital_stay', covered: true },
    { category: 'emergency', covered: true },
  ],
});

export async function loadDemo(db: Db, seed = 2011): Promise<string> {
  const random = seeded(seed);
  const scheme = await db.kysely.transaction().execute((tx) =>
    insertScheme(tx, systemActor(null, 'demo'), {
      name: 'Health Insurance Project (demo)',
      country: 'KH',
      currency: 'USD',
      currencyMinorUnits: 2,
      languages: ['km', 'en', 'fr', 'vi'],
      memberPrefix: 'HIP',
    }),
  );
  const actor = systemActor(scheme.id, 'demo');
  const scope = { schemeId: scheme.id, areaPaths: [] };
  const province = await createArea(db, actor, scope, {
    parentId: null,
    level: 'province',
    code: 'PP',
    name: 'Phnom Penh',
    nameLocal: 'ភ្នំពេញ',
    population: 1_327_615,
  });
  const districtIds = new Map<string, string>();
  for (const d of DISTRICTS) {
    const district = await createArea(db, actor, scope, {
      parentId: province.id,
      level: 'district',
      code: d.code,
      name: d.name,
      nameLocal: d.km,
      population: null,
    });
    districtIds.set(d.code, district.id);
    for (const [i, [name, km]] of d.communes.entries()) {
      await createArea(db, actor, scope, {
        parentId: district.id,
        level: 'commune',
        code: `${d.code}-${i + 1}`,
        name,
        nameLocal: km,
        population: null,
      });
    }
  }
  const facilities = [];
  for (const f of FACILITIES) {
    const facility = await createFacility(db, actor, scope, {
      code: f.code,
      name: f.name,
      nameLocal: f.km,
      type: f.type,
      ownership: 'public',
      areaId: districtIds.get(f.district)!,
      latitude: f.lat,
      longitude: f.lon,
      phoneNumbers: [`012${random.int(100000, 999999)}`],
      contractStart: f.contractStart,
    });
    facilities.push(facility);
  }
  const employerIds = new Map<string, string>();
  for (const [i, f] of FACTORIES.entries()) {
    const employer = await createEmployer(db, actor, scope, {
      code: f.code,
      name: f.name,
      registrationNumber: `MOC-${2000 + i * 37}`,
      sector: 'Garment',
      address: `${f.name}, ${DISTRICTS.find((d) => d.code === f.district)!.name}, Phnom Penh`,
      areaId: districtIds.get(f.district)!,
      latitude: f.lat,
      longitude: f.lon,
      contactName: 'HR manager',
      contactPhone: `023 ${random.int(200000, 999999)}`,
      enrolmentMode: f.code === 'QUANTUM' ? 'automatic' : 'voluntary',
    });
    employerIds.set(f.code, employer.id);
    const csv = new TextEncoder().encode(workerList(random, i, f.workers));
    const options = { fileName: `${f.code.toLowerCase()}-workers.csv`, employerId: employer.id, keepValid: false };
    const job = await startImport(db, actor, scope, options);
    await runImport(db, actor, scope, job, csv, options);
  }
  // Seed 000: US$1.60 a month per worker, the factory paying half; Quantum pays all of it.
  const rule = await createRule(db, actor, scope, {
    code: 'HIP',
    name: 'HIP monthly contribution',
    version: {
      effectiveFrom: '2011-01-01',
      definition: {
        kind: 'flat',
        period: 'month',
        amount: 160,
        employerShareBp: 5000,
        employersPayingAll: [employerIds.get('QUANTUM')!],
        subsidies: [],
      },
    },
  });
  // The workers' cover, seed 000: consultations, antenatal care, deliveries, surgery and hospital
  // stays at the partner facilities, for the worker alone, month by month.
  const product = await createProduct(db, actor, scope, {
    code: 'HIP',
    name: 'HIP garment workers',
    version: {
      effectiveFrom: '2011-01-01',
      definition: {
        ...DEMO_PRODUCT,
        contributionRuleId: rule.id,
      },
    },
  });
  for (const id of employerIds.values()) await updateEmployer(db, actor, scope, id, { productId: product.id });
  await loadFactoryMonths(db, actor, scope, employerIds);
  // The first factory's cards are issued, ready to print and to scan at the desk.
  await issueEmployerCards(db, actor, scope, employerIds.get(FACTORIES[0]!.code)!);
  const commune = await db.kysely
    .selectFrom('area')
    .select('id')
    .where('scheme_id', '=', scheme.id)
    .where('level', '=', 'commune')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  await loadVillage(db, actor, scope, random, commune.id);
  await loadProviders(db, actor, scope, random, facilities);
  await loadCare(
    db,
    actor,
    scope,
    random,
    facilities.map((f) => f.id),
  );
  return scheme.id;
}
