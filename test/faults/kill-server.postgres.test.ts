// kill -9 of the server on the PostgreSQL server: one file per database, so the two run at once (kill-server.scenario.ts).
import { killServerOn } from './kill-server.scenario.js';

killServerOn('postgres');
