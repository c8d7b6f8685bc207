/**
 * Amounts are integers in minor units everywhere they are kept or sent; people read them in
 * major units: 132000 cents of a dollar as 1,320.00.
 */
export const formatMoney = (amount: number, minorUnits: number) =>
  (amount / 10 ** minorUnits).toLocaleString('en', {
    minimumFractionDigits: minorUnits,
    maximumFractionDigits: minorUnits,
  });
