import type { OwnershipSettings } from "../../generated/prisma/client.ts";
import type { Database } from "../database/Database.ts";

export interface OwnershipAnalytics {
  currency: string;
  totalCostCents: number;
  months: Array<{ month: string; costCents: number }>;
  byKind: Array<{ kind: string; costCents: number }>;
  byCategory: Array<{ category: string; costCents: number }>;
  usage: { unit: string; first: number; last: number; travelled: number } | null;
  costPerUsageUnitCents: number | null;
  costPerMonthCents: number | null;
  depreciation: { purchasePriceCents: number; ageMonths: number; valueCents: number; lostCents: number } | null;
  loan: {
    monthlyPaymentCents: number;
    paymentsMade: number;
    interestPaidCents: number;
    remainingPrincipalCents: number;
  } | null;
  /** Entries in another currency than the settings' are left out and counted here. */
  otherCurrencyEntries: number;
}

/** Ownership costs of one unit, computed from its entries, usage history and settings at the moment asked. */
export async function getOwnershipAnalytics(
  db: Database,
  params: { tenantId: string; passportId: string; now?: Date },
): Promise<OwnershipAnalytics> {
  const now = params.now ?? new Date();
  const settings = await db.prisma.ownershipSettings.findUnique({
    where: { tenantId_passportId: { tenantId: params.tenantId, passportId: params.passportId } },
  });
  const currency = settings?.currency ?? "EUR";
  const [groups, other, usage] = await Promise.all([
    db.prisma.$queryRaw<Array<{ month: string; kind: string; category: string | null; cost: bigint }>>`
      select to_char(date_trunc('month', occurred_at at time zone 'UTC'), 'YYYY-MM') as month, kind::text as kind,
             category, sum(amount_cents)::bigint as cost
        from app.unit_entry
       where tenant_id = ${params.tenantId}::uuid and passport_id = ${params.passportId}::uuid
         and amount_cents is not null and currency = ${currency}
       group by 1, 2, 3 order by 1`,
    db.prisma.unitEntry.count({
      where: {
        tenantId: params.tenantId,
        passportId: params.passportId,
        amountCents: { not: null },
        currency: { not: currency },
      },
    }),
    db.prisma.$queryRaw<Array<{ unit: string; first: string; last: string }>>`
      select unit::text as unit, min(value)::text as first, max(value)::text as last
        from app.usage_reading where tenant_id = ${params.tenantId}::uuid and passport_id = ${params.passportId}::uuid
       group by unit order by count(*) desc limit 1`,
  ]);

  const sum = (rows: typeof groups, key: (row: (typeof groups)[number]) => string) => {
    const totals = new Map<string, number>();
    for (const row of rows) totals.set(key(row), (totals.get(key(row)) ?? 0) + Number(row.cost));
    return [...totals];
  };
  const months = sum(groups, (row) => row.month).map(([month, costCents]) => ({ month, costCents }));
  const totalCostCents = months.reduce((total, month) => total + month.costCents, 0);
  const usageRow = usage[0];
  const travelled = usageRow ? Number(usageRow.last) - Number(usageRow.first) : 0;
  const firstMonth = months[0]?.month;
  const spanMonths = firstMonth ? monthsBetween(new Date(`${firstMonth}-01T00:00:00Z`), now) + 1 : 0;

  return {
    currency,
    totalCostCents,
    months,
    byKind: sum(groups, (row) => row.kind).map(([kind, costCents]) => ({ kind, costCents })),
    byCategory: sum(groups, (row) => row.category ?? "uncategorised").map(([category, costCents]) => ({
      category,
      costCents,
    })),
    usage: usageRow
      ? { unit: usageRow.unit, first: Number(usageRow.first), last: Number(usageRow.last), travelled }
      : null,
    costPerUsageUnitCents: travelled > 0 ? Math.round((totalCostCents / travelled) * 100) / 100 : null,
    costPerMonthCents: spanMonths > 0 ? Math.round(totalCostCents / spanMonths) : null,
    depreciation: getDepreciation(settings, now),
    loan: getLoan(settings, now),
    otherCurrencyEntries: other,
  };
}

function monthsBetween(from: Date, to: Date): number {
  const months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  return Math.max(0, months - (to.getUTCDate() < from.getUTCDate() ? 1 : 0));
}

/** Straight-line: the price loses the yearly percentage each year, pro rata by month, down to zero. */
function getDepreciation(settings: OwnershipSettings | null, now: Date): OwnershipAnalytics["depreciation"] {
  if (!settings?.purchasePriceCents || !settings.purchasedOn || settings.depreciationPctPerYear === null) return null;
  const price = Number(settings.purchasePriceCents);
  const ageMonths = monthsBetween(settings.purchasedOn, now);
  const lost = Math.min(price, Math.round((price * Number(settings.depreciationPctPerYear) * ageMonths) / 1200));
  return { purchasePriceCents: price, ageMonths, valueCents: price - lost, lostCents: lost };
}

/** An annuity loan: equal monthly payments, the first one month after the start. */
function getLoan(settings: OwnershipSettings | null, now: Date): OwnershipAnalytics["loan"] {
  if (
    !settings?.loanPrincipalCents ||
    settings.loanRatePct === null ||
    !settings.loanTermMonths ||
    !settings.loanStartsOn
  )
    return null;
  const principal = Number(settings.loanPrincipalCents);
  const months = settings.loanTermMonths;
  const rate = Number(settings.loanRatePct) / 1200;
  const payment = rate === 0 ? principal / months : (principal * rate) / (1 - (1 + rate) ** -months);
  const made = Math.min(months, monthsBetween(settings.loanStartsOn, now));
  const growth = (1 + rate) ** made;
  const remaining = rate === 0 ? principal - payment * made : principal * growth - (payment * (growth - 1)) / rate;
  const interest = payment * made - (principal - remaining);
  return {
    monthlyPaymentCents: Math.round(payment),
    paymentsMade: made,
    interestPaidCents: Math.round(interest),
    remainingPrincipalCents: Math.max(0, Math.round(remaining)),
  };
}
