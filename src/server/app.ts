import { appVersion } from '../version.js';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { trustProxySetting } from '../config.js';
import { openEvidenceStore } from '../domain/evidence/index.js';
import { registerAccessControl } from './access.js';
import { secondFactorPolicy } from './second-factor.js';
import { accessAwareTransform } from './openapi-access.js';
import type { AppContext } from './context.js';
import { errorHandler } from './problem.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { ssoRoutes } from './routes/sso.js';
import { OidcRelyingParty, oidcSettings } from './oidc.js';
import { userRoutes } from './routes/users.js';
import { cycleRoutes } from './routes/cycles.js';
import { frameworkRoutes } from './routes/frameworks.js';
import { publicRoutes } from './routes/public.js';
import { publicationRoutes } from './routes/publication.js';
import { reviewRoutes } from './routes/reviews.js';
import { scoringRunRoutes } from './routes/scoring-runs.js';
import { analysisRoutes } from './routes/analysis.js';
import { healthRoutes } from './routes/health.js';
import { metricsRoutes } from './routes/metrics.js';
import { readinessRoutes } from './routes/readiness.js';
import { registerMetrics } from './metrics.js';
import { notificationRoutes } from './routes/notifications.js';
import { objectionRoutes } from './routes/objections.js';
import { adjustmentRoutes } from './routes/adjustments.js';
import { submissionRoutes } from './routes/submissions.js';
import { verificationRoutes } from './routes/verification.js';
import { orgUnitRoutes } from './routes/org-units.js';
import { referenceDataRoutes } from './routes/reference-data.js';
import { evidenceRoutes } from './routes/evidence.js';
import { exportRoutes } from './routes/exports.js';
import { importRoutes } from './routes/imports.js';
import { awardHistoryRoutes } from './routes/award-history.js';
import { registerJobWorker } from './job-worker.js';
import { mailSettingsFromConfig, type MailSettings } from '../domain/notifications/email/index.js';
import { emailRoutes } from './routes/email.js';
import { recordTypeRoutes } from './routes/record-types.js';
import { recordRoutes } from './routes/records.js';
import { registerSecurityHeaders } from './security-headers.js';
import { registerNotFound, registerSpa } from './spa.js';

export { appVersion };

export interface BuildOptions extends Omit<AppContext, 'version' | 'evidenceStore' | 'oidc' | 'mail'> {
  /** Outgoing e-mail; by default from the SMTP settings of the configuration (none: nothing is mailed). */
  mail?: MailSettings | null;
  logger?: Logger;
  /** Serve the SPA (off in API tests). */
  spa?: boolean;
}

/** Builds the HTTP application; listening is the caller's business (CLI `serve`, tests use `inject`). */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const serverOptions: FastifyServerOptions = {
    // Only a trusted proxy's X-Forwarded-For/-Proto count (client address for login throttling, HTTPS for cookies).
    trustProxy: trustProxySetting(opts.config.HOPEJOBS_TRUST_PROXY),
    bodyLimit: 2 * 1024 * 1024,
  };
  const base = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger as unknown as FastifyBaseLogger } : {}),
    ...serverOptions,
  });
  const app = base.withTypeProvider<ZodTypeProvider>();
  const sso = oidcSettings(opts.config);
  const mail = opts.mail !== undefined ? opts.mail : await mailSettingsFromConfig(opts.config, `http://${opts.config.HOST}:${opts.config.PORT}`);
  const ctx: AppContext = {
    ...opts,
    mail,
    version: appVersion,
    evidenceStore: openEvidenceStore(opts.config),
    oidc: sso ? new OidcRelyingParty(sso) : null,
  };

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'HopeJobs API (희망일자리 평가)',
        description: '시·구 공동협력사업 평가 플랫폼 API. Errors are RFC 9457 problem details in Korean or English (Accept-Language).',
        version: appVersion,
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'hj_session' } } },
    },
    transform: accessAwareTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerAccessControl(base, opts.database, { allowDemo: opts.config.HOPEJOBS_DEMO, ...secondFactorPolicy(opts.config) });
  registerSecurityHeaders(base);
  const metrics = registerMetrics(base, ctx);

  await app.register(healthRoutes(ctx));
  await app.register(readinessRoutes(ctx));
  await app.register(metricsRoutes(ctx, metrics));
  await app.register(orgUnitRoutes(ctx));
  await app.register(referenceDataRoutes(ctx));
  await app.register(authRoutes(ctx));
  await app.register(ssoRoutes(ctx));
  await app.register(userRoutes(ctx));
  await app.register(cycleRoutes(ctx));
  await app.register(frameworkRoutes(ctx));
  await app.register(reviewRoutes(ctx));
  await app.register(publicRoutes(ctx));
  await app.register(scoringRunRoutes(ctx));
  await app.register(analysisRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(publicationRoutes(ctx));

  await app.register(submissionRoutes(ctx));
  await app.register(verificationRoutes(ctx));
  await app.register(objectionRoutes(ctx));
  await app.register(adjustmentRoutes(ctx));
  await app.register(notificationRoutes(ctx));
  await app.register(emailRoutes(ctx));
  await app.register(recordTypeRoutes(ctx));
  await app.register(recordRoutes(ctx));
  await app.register(importRoutes(ctx));
  await app.register(awardHistoryRoutes(ctx));
  registerJobWorker(base, ctx);
  await app.register(exportRoutes(ctx));
  await app.register(evidenceRoutes(ctx));

  registerNotFound(base, opts.spa !== false ? await registerSpa(base) : null);
  return base;
}
