import { chooseFormat } from './report-format';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('choosing the report format', () => {
  it.each([
    [undefined, undefined, 'json'],
    [undefined, '*/*', 'json'],
    [undefined, 'application/json', 'json'],
    [undefined, 'text/markdown', 'md'],
    [undefined, 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'html'],
    [undefined, `${DOCX}`, 'docx'],
    [undefined, `${XLSX}; charset=binary`, 'xlsx'],
    [undefined, 'application/json;q=0.4, text/markdown;q=0.9', 'md'],
    [undefined, 'text/markdown;q=0, text/html', 'html'],
    [undefined, 'image/png', 'json'],
    ['xlsx', 'text/html', 'xlsx'],
    ['json', DOCX, 'json'],
  ])('format=%s with Accept %s gives %s', (format, accept, expected) =>
    expect(chooseFormat(format, accept)).toBe(expected),
  );

  it('refuses an unknown format= with the list of formats', () =>
    expect(() => chooseFormat('pdf', undefined)).toThrow('format must be one of json, md, html, docx, xlsx'));
});
