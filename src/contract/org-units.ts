import { z } from 'zod';

export const orgUnitSchema = z.object({
  code: z.string().describe('Administrative code, e.g. 11215'),
  name: z.string(),
  nameEn: z.string(),
  kind: z.enum(['city', 'district']),
  parentCode: z.string().nullable(),
  population: z.number().int().nullable(),
  populationYear: z.number().int().nullable(),
});

export const orgUnitListSchema = z.object({ orgUnits: z.array(orgUnitSchema) });
