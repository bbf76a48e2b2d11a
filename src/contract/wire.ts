import type { z } from 'zod';

/**
 * What `JSON.stringify` makes of a value the server sends: dates become ISO strings, the rest stays. The web reads
 * the wire form, so its types are `Wire<z.output<typeof schema>>` (see {@link Json}).
 */
export type Wire<T> = T extends Date ? string : T extends readonly (infer U)[] ? Wire<U>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;

/** The JSON body of an answer described by a contract schema, as the client receives it. */
export type Json<S extends z.ZodType> = Wire<z.output<S>>;
/** The JSON body of a request described by a contract schema, as the client sends it. */
export type Body<S extends z.ZodType> = z.input<S>;
