import type { z } from 'zod';

/** One problem found in a file, named so a technician can go straight to it. */
export interface FileProblem {
  file: string;
  /** The entry holding the problem, e.g. `services[3] (id "passport")`; empty for the top level. */
  entry: string;
  /** The field inside the entry, e.g. `name.kk`. */
  field: string;
  message: string;
}

export class InvalidFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: FileProblem[],
  ) {
    super(`${file} was refused:\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'InvalidFileError';
  }
}

export function formatProblem(problem: FileProblem): string {
  const where = [problem.entry, problem.field].filter(Boolean).join(' → ');
  return `  ${problem.file}: ${where ? `${where}: ` : ''}${problem.message}`;
}

/**
 * Turns zod issues into problems naming the entry and the field. The entry is the first array
 * element on the path, labelled with its id when it has one, so "services[3]" reads
 * `services[3] (id "passport")`.
 */
export function describeIssues(file: string, data: unknown, issues: readonly z.core.$ZodIssue[]): FileProblem[] {
  return issues.flatMap(splitUnknownKeys).map((issue) => {
    const path = issue.path.map((key) => (typeof key === 'symbol' ? key.toString() : key));
    const arrayAt = path.findIndex((key) => typeof key === 'number');
    if (arrayAt === -1) {
      return { file, entry: '', field: path.join('.'), message: issue.message };
    }
    const entryPath = path.slice(0, arrayAt + 1);
    const entryValue = entryPath.reduce<unknown>(
      (value, key) =>
        value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined,
      data,
    );
    const id =
      entryValue !== null && typeof entryValue === 'object' && typeof (entryValue as { id?: unknown }).id === 'string'
        ? ` (id "${(entryValue as { id: string }).id}")`
        : '';
    const entry = `${path.slice(0, arrayAt).join('.')}[${String(path[arrayAt])}]${id}`;
    return { file, entry, field: path.slice(arrayAt + 1).join('.'), message: issue.message };
  });
}

/**
 * zod reports all unknown keys of an object as one issue on the object; each becomes its own
 * problem on its own field, so a misspelt setting is named where it is.
 */
function splitUnknownKeys(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'unrecognized_keys') return [issue];
  // An empty key ("": 1) still needs a name a technician can search the file for.
  return issue.keys.map((key) => ({ ...issue, path: [...issue.path, key || '""'], message: 'is not a known field' }));
}

/** Parses JSON text and validates it with a schema, or throws InvalidFileError listing every problem. */
export function parseJsonFile<T extends z.ZodType>(file: string, text: string, schema: T): z.output<T> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InvalidFileError(file, [
      { file, entry: '', field: '', message: `not valid JSON: ${(error as Error).message}` },
    ]);
  }
  const result = schema.safeParse(data);
  if (!result.success) throw new InvalidFileError(file, describeIssues(file, data, result.error.issues));
  return result.data;
}
