CREATE TABLE "award_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_unit_id" integer NOT NULL,
	"year" integer NOT NULL,
	"tier" text,
	"tier_name" text,
	"rank" integer,
	"score" double precision,
	"prize" bigint,
	"source" text NOT NULL,
	"note" text,
	"imported_by" integer,
	"imported_by_label" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "award_history_unit_year" UNIQUE("org_unit_id","year"),
	CONSTRAINT "award_history_rank_positive" CHECK ("award_history"."rank" is null or "award_history"."rank" > 0),
	CONSTRAINT "award_history_prize_nonnegative" CHECK ("award_history"."prize" is null or "award_history"."prize" >= 0),
	CONSTRAINT "award_history_tier_name" CHECK (("award_history"."tier" is null) = ("award_history"."tier_name" is null))
);
--> statement-breakpoint
ALTER TABLE "award_history" ADD CONSTRAINT "award_history_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_history" ADD CONSTRAINT "award_history_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;