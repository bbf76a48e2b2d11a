CREATE TABLE "objection_deciders" (
	"cycle_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"added_by" integer,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "objection_deciders_pk" UNIQUE("cycle_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "objections" ADD COLUMN "filer_org_unit_id" integer;--> statement-breakpoint
ALTER TABLE "objections" ADD COLUMN "reply" text;--> statement-breakpoint
ALTER TABLE "objections" ADD COLUMN "reply_evidence_id" integer;--> statement-breakpoint
ALTER TABLE "objections" ADD COLUMN "replied_by" integer;--> statement-breakpoint
ALTER TABLE "objections" ADD COLUMN "replied_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "objections" ADD COLUMN "reopened_reviews" integer;--> statement-breakpoint
ALTER TABLE "objection_deciders" ADD CONSTRAINT "objection_deciders_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objection_deciders" ADD CONSTRAINT "objection_deciders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objection_deciders" ADD CONSTRAINT "objection_deciders_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_filer_org_unit_id_org_units_id_fk" FOREIGN KEY ("filer_org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_reply_evidence_id_evidence_files_id_fk" FOREIGN KEY ("reply_evidence_id") REFERENCES "public"."evidence_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_replied_by_users_id_fk" FOREIGN KEY ("replied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
UPDATE "objections" SET "filer_org_unit_id" = "org_unit_id" WHERE "filer_org_unit_id" IS NULL;
