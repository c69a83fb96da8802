-- Sign-in rate limits shared by every api process: hits per client key and fixed window. Unlogged:
-- a crash may forget the current minute's counts, which only lets a client start its window anew.
CREATE UNLOGGED TABLE "app"."rate_limit_window" (
    "key" VARCHAR(200) NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "hits" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "rate_limit_window_pkey" PRIMARY KEY ("key", "window_start")
);

CREATE INDEX "rate_limit_window_window_start_idx" ON "app"."rate_limit_window"("window_start");
