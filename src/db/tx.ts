import type { Db } from './client.js';

/** A transaction handle has the same query API as the database; repositories accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
