import { z } from "@hono/zod-openapi";
import { PublicIdSchema } from "../passports/PassportSchemas.ts";

export const MAX_READINGS_PER_BATCH = 10_000;

const measurements = {
  stateOfHealthPct: z.number().min(0).max(100).optional(),
  stateOfChargePct: z.number().min(0).max(100).optional(),
  cycleCount: z.number().int().min(0).max(1_000_000).optional(),
  voltageV: z.number().min(0).max(2000).optional(),
  currentA: z.number().min(-5000).max(5000).optional(),
  temperatureC: z.number().min(-60).max(150).optional(),
  remainingCapacityAh: z.number().min(0).max(100_000).optional(),
};
export const MEASUREMENT_FIELDS = Object.keys(measurements) as Array<keyof typeof measurements>;

export const ReadingInputSchema = z
  .object({
    publicId: PublicIdSchema.openapi({ description: "Public id of the unit's passport" }),
    measuredAt: z.string().datetime({ offset: true }),
    ...measurements,
  })
  .refine(
    (reading) => MEASUREMENT_FIELDS.some((field) => reading[field] !== undefined),
    "a reading needs at least one measurement",
  )
  .openapi("ReadingInput");

export type ReadingInput = z.infer<typeof ReadingInputSchema>;

export const ReadingBatchSchema = z
  .object({ readings: z.array(ReadingInputSchema).min(1).max(MAX_READINGS_PER_BATCH) })
  .openapi("ReadingBatch", {
    example: {
      readings: [
        {
          publicId: "q3ZfN0t5bXlKc2VjcmV0",
          measuredAt: "2026-05-01T12:00:00Z",
          stateOfHealthPct: 97.5,
          cycleCount: 41,
        },
      ],
    },
  });

export const ReadingSchema = z
  .object({
    measuredAt: z.string(),
    stateOfHealthPct: z.number().nullable(),
    stateOfChargePct: z.number().nullable(),
    cycleCount: z.number().int().nullable(),
    voltageV: z.number().nullable(),
    currentA: z.number().nullable(),
    temperatureC: z.number().nullable(),
    remainingCapacityAh: z.number().nullable(),
  })
  .openapi("Reading");

export const IngestResultSchema = z
  .object({
    batchId: z.string().uuid(),
    accepted: z.number().int().openapi({ description: "Readings in the batch" }),
    alreadyStored: z
      .number()
      .int()
      .openapi({ description: "Readings of the batch already stored by an earlier batch (same unit and instant)" }),
    replayed: z
      .boolean()
      .openapi({ description: "True when this Idempotency-Key was seen before and nothing new was stored" }),
  })
  .openapi("ReadingIngestResult");
