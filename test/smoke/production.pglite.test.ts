// The production smoke test on PGlite: one file per database, so the two run at once (production.scenario.ts).
import { productionSmokeOn } from './production.scenario.js';

productionSmokeOn('pglite');
