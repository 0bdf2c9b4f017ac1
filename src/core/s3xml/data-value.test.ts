import { describe, expect, it } from 'vitest';
import { dataValue } from './data-value.js';
import type { S3XmlData } from './types.js';

const data = (value: string | null, text: string | null): S3XmlData => ({ field: 'f', value, text, attributes: {} });

describe('dataValue (spec 3.3 reader rule)', () => {
  it('JSON-decodes the value attribute and ignores the text', () => {
    expect(dataValue(data('"ARA"', 'ARA (display)'))).toBe('ARA');
    expect(dataValue(data('2', 'female'))).toBe(2);
    expect(dataValue(data('false', '-'))).toBe(false);
    expect(dataValue(data('["a", "b"]', 'a, b'))).toEqual(['a', 'b']);
    expect(dataValue(data('{"k": null}', 'x'))).toEqual({ k: null });
    expect(dataValue(data('52.52', '52.52'))).toBe(52.52);
  });

  it('falls back to the plain string when value is not JSON', () => {
    expect(dataValue(data('2024-01-30', '30/01/2024'))).toBe('2024-01-30');
    expect(dataValue(data('', 'x'))).toBe('');
    expect(dataValue(data('NaN', 'x'))).toBe('NaN');
  });

  it('takes the text without value, and "" for an empty element', () => {
    expect(dataValue(data(null, 'Alpha HQ'))).toBe('Alpha HQ');
    expect(dataValue(data(null, '5'))).toBe('5');
    expect(dataValue(data(null, null))).toBe('');
  });
});
