import type { Random } from './random.js';

/** Common Khmer names, in Latin letters as HIP's registration forms wrote them and in Khmer script. */
const FAMILY: [string, string][] = [
  ['Sok', 'សុខ'],
  ['Chan', 'ចាន់'],
  ['Keo', 'កែវ'],
  ['Meas', 'មាស'],
  ['Heng', 'ហេង'],
  ['Chea', 'ជា'],
  ['Ly', 'លី'],
  ['Lim', 'លឹម'],
  ['Seng', 'សេង'],
  ['Phan', 'ផាន់'],
  ['Nget', 'ង៉ែត'],
  ['Chhun', 'ឈុន'],
  ['Prak', 'ប្រាក់'],
  ['Pich', 'ពេជ្រ'],
  ['Sam', 'សំ'],
  ['Srun', 'ស្រ៊ុន'],
  ['Tep', 'ទេព'],
  ['Yim', 'យឹម'],
  ['Oum', 'អ៊ុំ'],
  ['Kim', 'គីម'],
  ['Chhorn', 'ឆន'],
  ['Mao', 'ម៉ៅ'],
  ['Hun', 'ហ៊ុន'],
  ['Noun', 'នួន'],
];

const FEMALE: [string, string][] = [
  ['Sreymom', 'ស្រីមុំ'],
  ['Sophea', 'សុភា'],
  ['Dara', 'ដារា'],
  ['Channary', 'ចន្នារី'],
  ['Bopha', 'បុប្ផា'],
  ['Sokha', 'សុខា'],
  ['Sreyleak', 'ស្រីល័ក្ខ'],
  ['Chenda', 'ចិន្តា'],
  ['Kanha', 'កញ្ញា'],
  ['Malis', 'ម្លិះ'],
  ['Navy', 'ណាវី'],
  ['Pisey', 'ពិសី'],
  ['Raksmey', 'រស្មី'],
  ['Sothea', 'សុធា'],
  ['Theary', 'ធារី'],
  ['Vanna', 'វណ្ណា'],
  ['Kolab', 'កុលាប'],
  ['Leakhena', 'លក្ខិណា'],
  ['Phalla', 'ផល្លា'],
  ['Sokunthea', 'សុគន្ធា'],
  ['Srey Pov', 'ស្រីពៅ'],
  ['Thida', 'ធីតា'],
  ['Romduol', 'រំដួល'],
  ['Sopheap', 'សុភាព'],
];

const MALE: [string, string][] = [
  ['Vuthy', 'វុទ្ធី'],
  ['Sambath', 'សម្បត្តិ'],
  ['Rithy', 'រិទ្ធី'],
  ['Piseth', 'ពិសិដ្ឋ'],
  ['Visal', 'វិសាល'],
  ['Chantha', 'ចន្ថា'],
  ['Bunthoeun', 'ប៊ុនធឿន'],
  ['Sovann', 'សុវណ្ណ'],
  ['Veasna', 'វាសនា'],
  ['Kosal', 'កុសល'],
  ['Sokhom', 'សុខុម'],
  ['Vibol', 'វិបុល'],
  ['Rotha', 'រដ្ឋា'],
  ['Samnang', 'សំណាង'],
];

export interface Person {
  nameLatin: string;
  nameLocal: string;
  sex: 'F' | 'M';
  birthDate: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A person of the given sex born between the two years; Khmer order: family name first. */
export function person(random: Random, sex: 'F' | 'M', fromYear: number, toYear: number): Person {
  const [family, familyKm] = random.pick(FAMILY);
  const [given, givenKm] = random.pick(sex === 'F' ? FEMALE : MALE);
  return {
    nameLatin: `${family} ${given}`,
    nameLocal: `${familyKm} ${givenKm}`,
    sex,
    birthDate: `${random.int(fromYear, toYear)}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`,
  };
}

/** Garment workers are mostly young women (about 85 % in Phnom Penh's factories). */
export const worker = (random: Random, year = 2011) =>
  person(random, random.chance(0.85) ? 'F' : 'M', year - 45, year - 18);
