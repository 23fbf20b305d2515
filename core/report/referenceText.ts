import type { MethodReference } from './SectionResult.js';

/** A reference as one line of plain text: "Authors (year). Title. Journal. doi:10.…". */
export function referenceText(ref: MethodReference): string {
  const parts = [`${ref.authors.trim()} (${ref.year}).`];
  if (ref.title) parts.push(sentence(ref.title));
  if (ref.journal) parts.push(sentence(ref.journal));
  if (ref.doi) parts.push(`doi:${ref.doi}`);
  return parts.join(' ');
}

/** The text ending with one full stop (a title may end with its own "?" or "."). */
function sentence(text: string): string {
  const t = text.trim();
  return /[.?!]$/.test(t) ? t : `${t}.`;
}

/** The DOI resolver link of a reference, or undefined when it has no DOI. */
export function referenceHref(ref: MethodReference): string | undefined {
  // Old DOIs hold characters a URL must escape ("<", ">", "#", ";"); the slashes stay as they are.
  return ref.doi ? `https://doi.org/${ref.doi.split('/').map(encodeURIComponent).join('/')}` : undefined;
}
