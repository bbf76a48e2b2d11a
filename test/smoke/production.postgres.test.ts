// The production smoke test on a PostgreSQL server: one file per database, so the two run at once (production.scenario.ts).
import { productionSmokeOn } from './production.scenario.js';

productionSmokeOn('postgres');
