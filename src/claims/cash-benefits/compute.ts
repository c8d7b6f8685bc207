import { addDays, daysBetween } from '../../platform/dates.js';
import { formatMoney } from '../../platform/money.js';
import type { Reason } from '../adjudicate.js';

/**
 * Sick-leave and maternity cash benefits (seed 001's national scheme), from the product's terms
 * and the worker's declared wage: a share of the daily wage for the days off, after the waiting
 * days and up to the year's maximum for sick leave, for the product's weeks for maternity. Pure.
 */

export interface CashFacts {
  kind: 'sick_leave' | 'maternity';
  startsOn: string;
  /** The last day off on the certificate; maternity leave's end follows from the product. */
  endsOn: string | null;
  cover: { covered: boolean; state: string };
  sickLeave: { dailyWageShareBp: number; waitingDays: number; maxDays: number } | null;
  maternity: { weeks: number; wageShareBp: number } | null;
  sex: 'F' | 'M';
  /** The monthly wage the benefit is computed from, and where it came from. */
  wage: { monthly: number; from: 'declared' | 'registered' } | null;
  /** Sick-leave days already paid in the calendar year. */
  sickDaysPaidThisYear: number;
  /** The start of the member's last maternity benefit, if any. */
  lastMaternity: string | null;
  minorUnits: number;
}

export interface CashDecision {
  status: 'approved' | 'rejected';
  endsOn: string;
  days: number;
  paidDays: number;
  dailyAmount: number;
  amount: number;
  reasons: Reason[];
}

/** A month of wage counts as 30 days. */
const DAYS_A_MONTH = 30;
/** Two births are at least this far apart. */
const BETWEEN_BIRTHS = 300;

export function cashBenefit(f: CashFacts): CashDecision {
  const money = (n: number) => formatMoney(n, f.minorUnits);
  const weeks = f.kind === 'maternity' ? (f.maternity?.weeks ?? 0) : 0;
  const endsOn = f.kind === 'maternity' ? addDays(f.startsOn, weeks * 7 - 1) : f.endsOn!;
  const days = daysBetween(f.startsOn, endsOn) + 1;
  const rejected = (reasons: Reason[]): CashDecision => ({
    status: 'rejected',
    endsOn,
    days,
    paidDays: 0,
    dailyAmount: 0,
    amount: 0,
    reasons,
  });

  const refusals: Reason[] = [];
  if (!f.cover.covered) {
    refusals.push({ code: 'NOT_COVERED', message: `The member was not covered on ${f.startsOn} (${f.cover.state})` });
  }
  const terms = f.kind === 'sick_leave' ? f.sickLeave : f.maternity;
  if (f.cover.covered && !terms) {
    refusals.push({
      code: 'NOT_IN_PRODUCT',
      message: `The product pays no ${f.kind === 'sick_leave' ? 'sick-leave' : 'maternity'} benefit`,
    });
  }
  if (!f.wage) refusals.push({ code: 'NO_WAGE', message: 'No wage was declared or registered for the member' });
  if (f.kind === 'maternity') {
    if (f.sex !== 'F') refusals.push({ code: 'IMPLAUSIBLE', message: 'A maternity benefit is for a woman' });
    if (f.lastMaternity && daysBetween(f.lastMaternity, f.startsOn) < BETWEEN_BIRTHS) {
      refusals.push({ code: 'DUPLICATE', message: `A maternity benefit already started on ${f.lastMaternity}` });
    }
  }
  if (refusals.length) return rejected(refusals);

  const reasons: Reason[] = [];
  const shareBp = f.kind === 'sick_leave' ? f.sickLeave!.dailyWageShareBp : f.maternity!.wageShareBp;
  const dailyAmount = Math.round((f.wage!.monthly * shareBp) / 10_000 / DAYS_A_MONTH);
  reasons.push({
    code: 'WAGE',
    message: `${shareBp / 100} % of a ${f.wage!.from} monthly wage of ${money(f.wage!.monthly)}: ${money(dailyAmount)} a day`,
  });
  let paidDays = days;
  if (f.kind === 'sick_leave') {
    const { waitingDays, maxDays } = f.sickLeave!;
    const afterWaiting = Math.max(0, days - waitingDays);
    if (waitingDays > 0)
      reasons.push({ code: 'WAITING_DAYS', message: `The first ${waitingDays} days off are not paid` });
    const left = Math.max(0, maxDays - f.sickDaysPaidThisYear);
    paidDays = Math.min(afterWaiting, left);
    if (afterWaiting > left) {
      reasons.push({ code: 'MAX_DAYS', message: `${maxDays} days a year are paid; ${left} were left` });
    }
    if (paidDays === 0) return rejected(reasons);
  }
  return { status: 'approved', endsOn, days, paidDays, dailyAmount, amount: paidDays * dailyAmount, reasons };
}
