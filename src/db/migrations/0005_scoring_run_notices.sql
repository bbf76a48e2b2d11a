ALTER TABLE "scoring_runs" ADD COLUMN "notices" jsonb;--> statement-breakpoint
ALTER TABLE "scoring_runs" ADD COLUMN "tie_decisions" jsonb;