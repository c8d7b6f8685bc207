/**
 * Amounts are integers in minor units everywhere they are kept or sent; people read them in
 * major units: 132000 cents of a dollar as 1,320.00. Written by hand rather than with
 * toLocaleString: every claim's reasons print amounts, and Intl's formatting cost more than
 * judging the claim.
 */
export function formatMoney(amount: number, minorUnits: number): string {
  const scale = 10 ** minorUnits;
  const units = Math.abs(Math.round(amount));
  const whole = Math.floor(units / scale);
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = minorUnits > 0 ? `.${String(units - whole * scale).padStart(minorUnits, '0')}` : '';
  return `${amount < 0 ? '-' : ''}${grouped}${fraction}`;
}
