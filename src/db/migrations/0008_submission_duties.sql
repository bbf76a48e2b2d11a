ALTER TABLE "submissions" ADD COLUMN "changed_by" integer;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "submitted_by" integer;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "approved_by" integer;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "changed_after_submit_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "changed_after_submit" jsonb;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;