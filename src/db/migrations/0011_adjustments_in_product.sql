ALTER TABLE "adjustments" ADD COLUMN "status" text DEFAULT 'confirmed' NOT NULL;--> statement-breakpoint
ALTER TABLE "adjustments" ADD COLUMN "evidence_id" integer;--> statement-breakpoint
ALTER TABLE "adjustments" ADD COLUMN "changed_by" integer;--> statement-breakpoint
ALTER TABLE "adjustments" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "adjustments" ADD COLUMN "confirmed_by" integer;--> statement-breakpoint
ALTER TABLE "adjustments" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "adjustments" ADD COLUMN "withdrawn_by" integer;--> statement-breakpoint
ALTER TABLE "adjustments" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "adjustments" ADD COLUMN "withdraw_reason" text;--> statement-breakpoint
ALTER TABLE "adjustments" ADD COLUMN "auto_key" text;--> statement-breakpoint
ALTER TABLE "objections" ADD COLUMN "adjustment_id" integer;--> statement-breakpoint
ALTER TABLE "adjustments" ADD CONSTRAINT "adjustments_evidence_id_evidence_files_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adjustments" ADD CONSTRAINT "adjustments_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adjustments" ADD CONSTRAINT "adjustments_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adjustments" ADD CONSTRAINT "adjustments_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_adjustment_id_adjustments_id_fk" FOREIGN KEY ("adjustment_id") REFERENCES "public"."adjustments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "adjustments_cycle_idx" ON "adjustments" USING btree ("cycle_id","org_unit_id");--> statement-breakpoint
ALTER TABLE "adjustments" ADD CONSTRAINT "adjustments_auto_key_unique" UNIQUE("cycle_id","org_unit_id","auto_key");--> statement-breakpoint
ALTER TABLE "adjustments" ADD CONSTRAINT "adjustments_status_check" CHECK ("adjustments"."status" in ('pending','confirmed','withdrawn'));