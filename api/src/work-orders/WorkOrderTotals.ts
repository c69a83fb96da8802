/** Money of a work order in minor units: each line rounded to the cent, totals are sums of lines. */
export interface WorkOrderTotals {
  labourCents: number;
  partsCents: number;
  totalCents: number;
}

export function getLabourAmountCents(line: { hours: number; rateCents: number }): number {
  return Math.round(line.hours * line.rateCents);
}

export function getPartAmountCents(line: { quantity: number; unitPriceCents: number }): number {
  return Math.round(line.quantity * line.unitPriceCents);
}

export function getWorkOrderTotals(
  labour: ReadonlyArray<{ hours: number; rateCents: number }>,
  parts: ReadonlyArray<{ quantity: number; unitPriceCents: number }>,
): WorkOrderTotals {
  const labourCents = labour.reduce((sum, line) => sum + getLabourAmountCents(line), 0);
  const partsCents = parts.reduce((sum, line) => sum + getPartAmountCents(line), 0);
  return { labourCents, partsCents, totalCents: labourCents + partsCents };
}
