CREATE TABLE "press_release_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"cycle_id" integer NOT NULL,
	"year" integer NOT NULL,
	"version" integer NOT NULL,
	"body" text NOT NULL,
	"structure" jsonb NOT NULL,
	"restored_from" integer,
	"author_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "press_release_versions_cycle_version" UNIQUE("cycle_id","version"),
	CONSTRAINT "press_release_versions_version_check" CHECK ("press_release_versions"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "press_release_versions" ADD CONSTRAINT "press_release_versions_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_release_versions" ADD CONSTRAINT "press_release_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;