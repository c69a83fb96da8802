-- A value type for attributes the Battery Pass data model models as objects or arrays (issue 16).
-- Alone in its migration: Postgres cannot use a new enum value in the transaction that adds it (071 does).
ALTER TYPE "app"."AttributeValueType" ADD VALUE 'STRUCTURED';
