-- Passport versions' documents, salts and entry trees are stored compressed with lz4 where the
-- server was built with it (Debian's and the embedded Postgres are): inserting a 2,000-version chunk
-- took 0.7–1.1 s with pglz (the default) and 0.4–0.6 s with lz4. Only new values are affected; old
-- ones stay readable as they were. Servers without lz4 keep pglz.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE "app"."passport_version"
      ALTER COLUMN "document" SET COMPRESSION lz4,
      ALTER COLUMN "salts" SET COMPRESSION lz4,
      ALTER COLUMN "entry_tree" SET COMPRESSION lz4;
  END IF;
END $$;
