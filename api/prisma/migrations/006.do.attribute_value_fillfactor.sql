-- Readings ingest keeps each unit's reading-fed attributes current (perf.full_cycles, ...): every
-- batch updates up to four attribute_value rows per unit. Leave a fifth of each heap page free so
-- those updates can stay on their page as heap-only tuples (no new entries in the table's four
-- indexes). A storage setting, not a schema change: prisma migrate diff does not see it.
ALTER TABLE "app"."attribute_value" SET (fillfactor = 80);
