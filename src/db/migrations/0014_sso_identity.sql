ALTER TABLE "sessions" ADD COLUMN "identity_provider" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "external_issuer" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "external_subject" text;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_external_identity_unique" UNIQUE("external_issuer","external_subject");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_external_identity_check" CHECK (("users"."external_issuer" is null) = ("users"."external_subject" is null));