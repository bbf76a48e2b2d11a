import { z } from 'zod';
import { unitWordsSchema } from './reference-data.js';

export const orgUnitSchema = z.object({
  code: z.string().describe('Administrative code, e.g. 11215'),
  /** 'city': the evaluating administration; 'district': an evaluated unit (its level's words in `words`). */
  name: z.string(),
  nameEn: z.string(),
  kind: z.enum(['city', 'district']),
  parentCode: z.string().nullable(),
  population: z.number().int().nullable(),
  populationYear: z.number().int().nullable(),
});

export const orgUnitListSchema = z.object({
  orgUnits: z.array(orgUnitSchema),
  /** What the installation calls its evaluated units ('구'/'자치구'/'district'; '시·군'/'city or county'). */
  words: unitWordsSchema,
});
