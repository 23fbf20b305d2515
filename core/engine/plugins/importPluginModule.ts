import { pathToFileURL } from 'node:url';

let tsxRegistered = false;

/**
 * Imports a plugin module file. A TypeScript file (an unbuilt plugin, test fixtures) is loaded
 * through tsx when Node cannot load it natively; tsx is registered only then, in the thread that
 * needs it.
 */
export async function importPluginModule(file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    if (!/\.(c|m)?tsx?$/.test(file) || tsxRegistered || (error as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
  }
  let register: () => unknown;
  try {
    ({ register } = (await import('tsx/esm/api')) as { register: () => unknown });
  } catch {
    throw new Error(`plugin ${file} is TypeScript: build it to JavaScript, or install tsx to load it from sources`);
  }
  register();
  tsxRegistered = true;
  // Node keeps the failed first attempt in its module map under this URL: a query makes a new entry.
  return (await import(`${url}?tsx`)) as Record<string, unknown>;
}
