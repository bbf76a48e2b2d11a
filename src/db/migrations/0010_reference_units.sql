CREATE TABLE "org_unit_groups" (
	"org_unit_id" integer NOT NULL,
	"grouping" text NOT NULL,
	"group_name" text NOT NULL,
	CONSTRAINT "org_unit_groups_org_unit_id_grouping_pk" PRIMARY KEY("org_unit_id","grouping")
);
--> statement-breakpoint
CREATE TABLE "org_unit_levels" (
	"kind" text PRIMARY KEY NOT NULL,
	"depth" integer NOT NULL,
	"name_ko" text NOT NULL,
	"noun_ko" text NOT NULL,
	"name_en" text NOT NULL,
	"plural_en" text NOT NULL,
	CONSTRAINT "org_unit_levels_kind_check" CHECK ("org_unit_levels"."kind" in ('city', 'district')),
	CONSTRAINT "org_unit_levels_depth_check" CHECK ("org_unit_levels"."depth" in (0, 1))
);
--> statement-breakpoint
ALTER TABLE "org_units" DROP CONSTRAINT "org_units_kind_check";--> statement-breakpoint
-- The words of today's installations (Seoul: 특별시 → 자치구); a province sets its own (도 → 시·군).
INSERT INTO "org_unit_levels" ("kind", "depth", "name_ko", "noun_ko", "name_en", "plural_en") VALUES
	('city', 0, '특별시', '시', 'metropolitan city', 'metropolitan cities'),
	('district', 1, '자치구', '구', 'district', 'districts');--> statement-breakpoint
ALTER TABLE "org_unit_groups" ADD CONSTRAINT "org_unit_groups_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_units" ADD CONSTRAINT "org_units_kind_org_unit_levels_kind_fk" FOREIGN KEY ("kind") REFERENCES "public"."org_unit_levels"("kind") ON DELETE no action ON UPDATE no action;