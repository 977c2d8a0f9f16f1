import type { z } from 'zod';
import type { Catalog } from '../catalog';

export interface SummaryContext {
  // Lets a step (e.g. jump) name another step without the step files importing the registry.
  describeStep?: (stepId: string) => string | null;
}

export interface StepDefinition<T extends string, C> {
  type: T;
  label: string;
  description: string;
  configSchema: z.ZodType<C>;
  defaultConfig(): C;
  outputs(config: C): string[];
  summarize(config: C, catalog?: Catalog, context?: SummaryContext): string;
}
