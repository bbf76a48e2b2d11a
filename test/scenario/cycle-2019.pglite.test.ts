// The 2019 cycle end to end on PGlite: one file per database, so the two run at once (cycle-2019.scenario.ts).
import { cycle2019On } from './cycle-2019.scenario.js';

cycle2019On('pglite');
