import { z } from '@hono/zod-openapi';
import { isoDate } from '../../platform/http/openapi.js';
import { money } from '../../schemes/cases/schemas.js';

const basisPoints = z.number().int().min(0).max(10_000);
const category = z.string().trim().min(1).max(30).openapi({ description: "A code of the scheme's care categories" });

/**
 * How one care category is paid at a facility (seeds 001 and 003): one mechanism a category.
 * Case-based, fee-for-service and relative claims are valued claim by claim; capitation and lump
 * sums are owed by the month, and their claims are kept for the record at no value of their own.
 */
export const CategoryPayment = z
  .discriminatedUnion('mechanism', [
    z.object({
      category,
      mechanism: z.literal('capitation'),
      basis: z.discriminatedUnion('kind', [
        z.object({
          kind: z.literal('per_member'),
          amountPerMember: money.openapi({ description: 'Per member covered in the month' }),
          members: z.enum(['catchment', 'assigned']).default('catchment').openapi({
            description: "The members counted: those living in the facility's area, or those assigned to it",
          }),
        }),
        z.object({
          kind: z.literal('contribution_share'),
          shareBp: basisPoints.openapi({ description: "Share of the month's contributions split between facilities" }),
          weights: z.object({ population: basisPoints, members: basisPoints, visits: basisPoints }),
        }),
      ]),
    }),
    z.object({ category, mechanism: z.literal('case') }),
    z.object({ category, mechanism: z.literal('lump_sum'), amountPerMonth: money }),
    z.object({ category, mechanism: z.literal('fee_for_service'), priceListId: z.string().min(1).max(100) }),
    z.object({
      category,
      mechanism: z.literal('relative'),
      shareBp: basisPoints.openapi({
        description: "Share of the period's contributions divided over the claims' value",
      }),
      priceListId: z.string().min(1).max(100).nullable().default(null),
    }),
  ])
  .openapi('CategoryPayment');

export type CategoryPaymentTerms = z.infer<typeof CategoryPayment>;

export const NewContract = z
  .object({
    facilityId: z.string().min(1).max(100),
    startsOn: isoDate(),
    endsOn: isoDate().nullish(),
    categories: z
      .array(CategoryPayment)
      .min(1)
      .max(100)
      .refine((c) => new Set(c.map((x) => x.category)).size === c.length, 'names a category more than once'),
  })
  .refine((c) => !c.endsOn || c.endsOn >= c.startsOn, { message: 'is before startsOn', path: ['endsOn'] })
  .openapi('NewContract');

export const Contract = z
  .object({
    id: z.string(),
    facilityId: z.string(),
    facilityName: z.string(),
    startsOn: z.string(),
    endsOn: z.string().nullable(),
    categories: z.array(CategoryPayment),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
  })
  .openapi('Contract');

export const ContractEnd = z.object({ endsOn: isoDate() }).openapi('ContractEnd');

export const ContractQuery = z.object({
  facilityId: z.string().min(1).max(100).optional(),
  date: isoDate().optional().openapi({ description: 'Only the contracts in force that day' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional(),
});

export const NewAssessment = z
  .object({
    assessedOn: isoDate({ max: 'today' }),
    score: z.number().int().min(0).max(100),
    note: z.string().trim().max(1000).nullish(),
  })
  .openapi('NewQualityAssessment');

export const Assessment = z
  .object({
    id: z.string(),
    facilityId: z.string(),
    assessedOn: z.string(),
    score: z.number().int(),
    coefficientBp: z
      .number()
      .int()
      .openapi({ description: 'The payment coefficient the score gives, in basis points' }),
    note: z.string().nullable(),
    createdBy: z.string().nullable(),
  })
  .openapi('QualityAssessment');
