import { describe, expect, it } from 'vitest';
import { referenceHref, referenceText } from './referenceText.js';

describe('referenceText', () => {
  it('prints authors, year, title, journal and DOI in that order', () => {
    const text = referenceText({ authors: 'Cardone G, Heymann JB, Steven AC', year: 2013, title: 'One number does not fit all', journal: 'J Struct Biol 184:226–236', doi: '10.1016/j.jsb.2013.08.002' });
    expect(text).toBe('Cardone G, Heymann JB, Steven AC (2013). One number does not fit all. J Struct Biol 184:226–236. doi:10.1016/j.jsb.2013.08.002');
  });

  it('leaves out what a reference does not have, and does not double a final period', () => {
    expect(referenceText({ authors: 'Sorzano COS, et al.', year: 2017 })).toBe('Sorzano COS, et al. (2017).');
    expect(referenceText({ authors: 'Harauz G, van Heel M', year: 1986, title: 'Exact filters.' })).toBe('Harauz G, van Heel M (1986). Exact filters.');
  });
});

describe('referenceHref', () => {
  it('links the DOI resolver, keeping the DOI’s slash and escaping what a URL cannot hold', () => {
    expect(referenceHref({ authors: 'A', year: 2000, doi: '10.1039/D2FD00059H' })).toBe('https://doi.org/10.1039/D2FD00059H');
    expect(referenceHref({ authors: 'A', year: 2000, doi: '10.1016/0304-3991(87)90225-7' })).toBe('https://doi.org/10.1016/0304-3991(87)90225-7');
    expect(referenceHref({ authors: 'A', year: 2000, doi: '10.1002/(SICI)1097<1::AID>3.0.CO;2-#' })).toBe('https://doi.org/10.1002/(SICI)1097%3C1%3A%3AAID%3E3.0.CO%3B2-%23');
    expect(referenceHref({ authors: 'A', year: 2000 })).toBeUndefined();
  });
});
