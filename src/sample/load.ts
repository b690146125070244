// Reads the generator's text templates (JSON beside this file) once, parsed into typed values.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';

const TEMPLATE_DIR = fileURLToPath(new URL('./templates/', import.meta.url));

export function loadTemplate<Schema extends z.ZodTypeAny>(relativePath: string, schema: Schema): z.infer<Schema> {
  const path = TEMPLATE_DIR + relativePath;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`sample templates: cannot read ${path}: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`sample templates: ${path}: field ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
